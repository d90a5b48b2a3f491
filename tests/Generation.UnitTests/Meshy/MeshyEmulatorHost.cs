using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Meshy3D.Emulators.Meshy;
using Meshy3D.Generation.Infrastructure.Meshy;
using Microsoft.AspNetCore.Builder;

namespace Meshy3D.Generation.UnitTests.Meshy;

/// <summary>
/// The Meshy emulator on real Kestrel (a free port on 127.0.0.1). Its admin API injects faults, changes
/// limits and counts what the client sent; <see cref="ResetAsync"/> clears all of it between tests.
/// </summary>
public sealed class MeshyEmulatorHost : IAsyncDisposable
{
    public const string ApiKey = "msy_dummy_api_key_for_test_mode_12345678";

    readonly WebApplication _app;
    readonly HttpClient _admin;

    MeshyEmulatorHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        _admin = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri BaseAddress { get; }

    /// <param name="settings">Extra configuration as <c>Key=Value</c>, e.g. <c>Meshy:InitialCredits=10</c>.</param>
    public static async Task<MeshyEmulatorHost> StartAsync(params string[] settings)
    {
        string[] defaults =
        [
            "Emulator:SpeedFactor=200",
            "Emulator:TextureSize=64",
            "Emulator:ThumbnailSize=32",
            "Meshy:RequestsPerSecond=100000",
            "Logging:LogLevel:Default=Warning",
        ];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var (app, address) = await MeshyEmulator.StartOnLoopbackAsync([.. defaults, .. settings], timeout.Token);
        return new MeshyEmulatorHost(app, address);
    }

    /// <summary>A client wired exactly as the service wires it, pointed at this emulator.</summary>
    public MeshyClientHost NewClient(Dictionary<string, string?>? settings = null) => MeshyClientHost.Create(BaseAddress, settings);

    public Task SetFaultsAsync(object faults) => AdminAsync(HttpMethod.Post, "/_emulator/faults", faults);

    public Task SetSettingsAsync(object settings) => AdminAsync(HttpMethod.Post, "/_emulator/settings", settings);

    /// <summary>How many requests of one operation (create, get, list, delete, stream) the emulator answered.</summary>
    public async Task<int> CountAsync(string operation)
    {
        var journal = await AdminAsync(HttpMethod.Get, "/_emulator/requests");
        return journal.GetProperty("by_operation").TryGetProperty(operation, out var count) ? count.GetInt32() : 0;
    }

    public Task ClearRequestsAsync() => AdminAsync(HttpMethod.Delete, "/_emulator/requests");

    /// <summary>Forgets tasks, faults, run-time settings, counts and rate windows: a fresh emulator for the next test.</summary>
    public Task ResetAsync() => AdminAsync(HttpMethod.Post, "/_emulator/reset");

    async Task<JsonElement> AdminAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await _admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Polls through the client under test until the task is terminal; fails after the timeout.</summary>
    public static async Task<MeshyTask> WaitForTerminalAsync(MeshyClient client, string taskId, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var task = await client.GetTaskAsync(taskId);
            if (task.IsTerminal) return task;
            Assert.True(watch.Elapsed < limit, $"Task {taskId} is still {task.Status} ({task.Progress}%) after {limit}.");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}

/// <summary>One emulator per test class, reset before each test (classes run in parallel, their tests one by one).</summary>
public class MeshyEmulatorFixture : IAsyncLifetime
{
    public MeshyEmulatorHost Meshy { get; private set; } = null!;

    /// <summary>Configuration that cannot be changed at run time, as <c>Key=Value</c>.</summary>
    protected virtual string[] Settings => [];

    public async Task InitializeAsync() => Meshy = await MeshyEmulatorHost.StartAsync(Settings);

    public async Task DisposeAsync() => await Meshy.DisposeAsync();
}

/// <summary>
/// A test class on its fixture's emulator, reset before each test, with a fresh client wired as in production.
/// </summary>
public abstract class MeshyEmulatorTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>, IAsyncLifetime
    where TFixture : MeshyEmulatorFixture
{
    MeshyClientHost _host = null!;

    protected MeshyEmulatorHost Emulator { get; } = fixture.Meshy;

    protected MeshyClient Client => _host.Client;

    /// <summary>Client configuration on top of <see cref="MeshyClientHost.Create"/>'s test defaults.</summary>
    protected virtual Dictionary<string, string?>? ClientSettings => null;

    public async Task InitializeAsync()
    {
        await Emulator.ResetAsync();
        _host = Emulator.NewClient(ClientSettings);
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
        return Task.CompletedTask;
    }
}
