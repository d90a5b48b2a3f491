using Meshy3D.Storage.Apis;
using Meshy3D.Storage.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapModelsApi();
app.MapGalleryApi();
app.Run();
