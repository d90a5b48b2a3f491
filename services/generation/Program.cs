using Meshy3D.Generation.Apis;
using Meshy3D.Generation.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapGenerationsApi();
app.Run();

public partial class Program;
