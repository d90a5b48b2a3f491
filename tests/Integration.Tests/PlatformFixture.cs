using System.Net;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Meshy3D.ServiceDefaults.Identity;

namespace Meshy3D.Integration.Tests;

/// <summary>
/// The real AppHost, started once for the integration tests: PostgreSQL, RabbitMQ and Azurite as local
/// processes (containers where a runtime answers), the four services and the gateway. Its data folder
/// is new for each run and deleted afterwards, with every process the AppHost started.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    readonly string _dataRoot = Path.Combine(Path.GetTempPath(), $"meshy3d-it-{Guid.NewGuid():N}");

    public DistributedApplication App { get; private set; } = null!;
    public Uri GatewayUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [$"--Platform:DataRoot={_dataRoot}", "--GatewayPort=auto", "--Platform:FastDurability=true", "--Emulators:MeshySpeedFactor=40", "--Generation:Replicas=2", "--Generation:LeaseDuration=00:00:03", "--Generation:HeartbeatInterval=00:00:01", "--Generation:StreamEndDelay=00:00:00.500", "--JobStreams:IdleTimeout=00:00:05", "--Meshy:MaxConcurrentTasks=4", "--OpenAI:Timeout=00:00:05"],
            (options, _) => options.DisableDashboard = true,
            timeout.Token);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        App = await builder.BuildAsync(timeout.Token);
        await App.StartAsync(timeout.Token);
        _logs = Task.Run(() => ResourceLogs.CollectAsync(App, LogFolder, _stopping.Token));
        await App.ResourceNotifications.WaitForResourceHealthyAsync("gateway", timeout.Token);
        GatewayUrl = App.GetEndpoint("gateway", "public");
    }

    /// <summary>Every resource's console output of the last run, one file per instance, for reading after a failure.</summary>
    public static string LogFolder { get; } = Path.Combine(AppContext.BaseDirectory, "resource-logs");

    readonly CancellationTokenSource _stopping = new();
    Task _logs = Task.CompletedTask;

    /// <summary>A browser of its own: its own cookie jar, hence its own anonymous identity.</summary>
    public HttpClient NewBrowser() => new(new HttpClientHandler { CookieContainer = new CookieContainer() })
    {
        BaseAddress = GatewayUrl,
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>
    /// A caller of one service straight, not through the gateway: with a caller token of its own, signed with the
    /// platform's key as the gateway would sign it. Several requests spread over the service's instances.
    /// </summary>
    public async Task<HttpClient> NewServiceCallerAsync(string resource)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var signingKey = App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>()
            .Single(p => p.Name == "caller-signing-key");
        var issuer = new CallerTokenIssuer(new CallerTokenOptions { SigningKey = (await signingKey.GetValueAsync(timeout.Token))! });
        var caller = new HttpClient { BaseAddress = App.GetEndpoint(resource, "http"), Timeout = TimeSpan.FromSeconds(30) };
        caller.DefaultRequestHeaders.Authorization = new("Bearer", issuer.Issue($"it-{Guid.NewGuid():N}", "anonymous"));
        return caller;
    }

    public async Task<string> ConnectionStringAsync(string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await App.GetConnectionStringAsync(name, timeout.Token)
            ?? throw new InvalidOperationException($"No connection string {name}.");
    }

    public async Task DisposeAsync()
    {
        if (App is not null) await App.StopAsync();
        // Stopped processes have written their last lines; give the log copies a moment to catch up.
        await Task.Delay(TimeSpan.FromSeconds(1));
        await _stopping.CancelAsync();
        await _logs.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (App is not null) await App.DisposeAsync();
        if (Directory.Exists(_dataRoot)) Directory.Delete(_dataRoot, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
