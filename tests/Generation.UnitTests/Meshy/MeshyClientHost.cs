using Meshy3D.Generation.Infrastructure.Meshy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Meshy3D.Generation.UnitTests.Meshy;

/// <summary>
/// The production wiring (service defaults, whose standard resilience handler AddMeshyClient must replace,
/// then AddMeshyClient) in a host of its own, with fast backoff so retry tests stay quick.
/// </summary>
public sealed class MeshyClientHost : IDisposable
{
    readonly IHost _host;

    MeshyClientHost(IHost host) => _host = host;

    public MeshyClient Client => _host.Services.GetRequiredService<MeshyClient>();

    public static MeshyClientHost Create(Uri baseUrl, Dictionary<string, string?>? settings = null)
    {
        var builder = NewBuilder(new Dictionary<string, string?>
        {
            ["Meshy:BaseUrl"] = baseUrl.ToString(),
            ["Meshy:ApiKey"] = MeshyEmulatorHost.ApiKey,
            ["Meshy:RetryBaseDelay"] = "00:00:00.020",
            // Generous: test machines can be busy; tests of timeouts set their own.
            ["Meshy:RequestTimeout"] = "00:00:20",
            ["Meshy:StreamIdleTimeout"] = "00:00:20",
        }, settings);
        builder.AddServiceDefaults();
        builder.AddMeshyClient();
        return new MeshyClientHost(builder.Build());
    }

    /// <summary>A bare host builder (no appsettings or environment variables) with the given configuration layered.</summary>
    public static HostApplicationBuilder NewBuilder(params Dictionary<string, string?>?[] layers)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        foreach (var layer in layers)
            if (layer is not null) builder.Configuration.AddInMemoryCollection(layer);
        return builder;
    }

    public void Dispose() => _host.Dispose();
}
