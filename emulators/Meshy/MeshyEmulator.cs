using Meshy3D.Emulators.Meshy.Apis;
using Meshy3D.Emulators.Meshy.Configuration;
using Meshy3D.Emulators.Meshy.Extensions;
using Microsoft.Extensions.Options;

namespace Meshy3D.Emulators.Meshy;

/// <summary>
/// Entry point shared by Program.cs and tests: tests call <see cref="CreateApp"/> with
/// <c>--urls http://127.0.0.1:0</c> and configuration overrides, then start it on real Kestrel.
/// </summary>
public static class MeshyEmulator
{
    public static WebApplication CreateApp(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(MeshyEmulator).Assembly.GetName().Name,
        });
        builder.AddMeshyEmulator();

        var app = builder.Build();
        app.UseMeshyRequestJournal();
        app.MapGet("/health", () => Results.Text("Healthy"));
        app.MapTextTo3DApi();
        app.MapAssetsApi();
        if (app.Services.GetRequiredService<IOptions<EmulatorOptions>>().Value.AdminApiEnabled)
            app.MapEmulatorAdminApi();
        return app;
    }
}
