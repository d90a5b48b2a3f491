using Meshy3D.Gateway.Apis;
using Meshy3D.Gateway.Extensions;
using Meshy3D.Gateway.Identity;

// The site is copied next to the binaries (from web/), whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAnonymousCallers();
app.MapDefaultEndpoints();
app.MapJobEventsApi();
app.MapReverseProxy();
app.Run();
