using Meshy3D.Emulators.Meshy.Apis;
using Meshy3D.Emulators.Meshy.Configuration;
using Meshy3D.Emulators.Meshy.Extensions;
using Microsoft.Extensions.Options;

namespace Meshy3D.Emulators.Meshy;

/// <summary>
/// Entry point shared by Program.cs and tests: tests start one on real Kestrel with
/// <see cref="StartOnLoopbackAsync"/> and their configuration overrides.
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

    /// <summary>Starts an emulator on a free 127.0.0.1 port; settings are <c>Key=Value</c> configuration overrides.</summary>
    public static async Task<(WebApplication App, Uri Address)> StartOnLoopbackAsync(IEnumerable<string> settings, CancellationToken cancellationToken)
    {
        var app = CreateApp(["--urls", "http://127.0.0.1:0", .. settings.Select(s => "--" + s)]);
        await app.StartAsync(cancellationToken);
        return (app, new Uri(app.Urls.Single(u => u.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))));
    }
}
