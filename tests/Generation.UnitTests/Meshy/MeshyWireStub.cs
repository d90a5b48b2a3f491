using Meshy3D.Generation.Infrastructure.Meshy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Meshy3D.Generation.UnitTests.Meshy;

/// <summary>
/// A scripted stand-in for Meshy's wire on real Kestrel, only for answers the emulator never gives
/// (malformed bodies, unknown statuses and fields, Retry-After headers, hand-written SSE framing),
/// with a client wired as in production pointed at it.
/// </summary>
public sealed class MeshyWireStub : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly MeshyClientHost _host;

    MeshyWireStub(WebApplication app, MeshyClientHost host)
    {
        _app = app;
        _host = host;
    }

    public MeshyClient Client => _host.Client;

    /// <param name="basePath">A path the client's base URL ends with, as behind a proxy.</param>
    public static async Task<MeshyWireStub> StartAsync(Action<WebApplication> map, string basePath = "")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await app.StartAsync(timeout.Token);
        return new MeshyWireStub(app, MeshyClientHost.Create(new Uri(new Uri(app.Urls.Single()), basePath)));
    }

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
