using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;

namespace Meshy3D.Integration.Tests;

/// <summary>The Meshy emulator's admin API (never routed through the gateway): faults, tasks and the request log.</summary>
public sealed class MeshyEmulatorAdmin(PlatformFixture platform) : IDisposable
{
    readonly HttpClient _client = platform.App.CreateHttpClient("meshy-emulator", "http");

    public async Task SetFaultsAsync(object faults) =>
        (await _client.PostAsJsonAsync("/_emulator/faults", faults)).EnsureSuccessStatusCode();

    public async Task ClearFaultsAsync() => (await _client.DeleteAsync("/_emulator/faults")).EnsureSuccessStatusCode();

    /// <summary>The emulator's tasks whose prompt is exactly this one.</summary>
    public async Task<IReadOnlyList<JsonElement>> TasksForPromptAsync(string prompt)
    {
        var tasks = await _client.GetFromJsonAsync<JsonElement>("/_emulator/tasks");
        return [.. tasks.EnumerateArray().Select(t => t.GetProperty("task")).Where(t => t.TryGetProperty("prompt", out var p) && p.GetString() == prompt)];
    }

    public async Task<JsonElement> TaskAsync(string taskId)
    {
        var tasks = await _client.GetFromJsonAsync<JsonElement>("/_emulator/tasks");
        return tasks.EnumerateArray().Select(t => t.GetProperty("task")).Single(t => t.GetProperty("id").GetString() == taskId);
    }

    public async Task<IReadOnlyList<JsonElement>> RequestsAsync()
    {
        var journal = await _client.GetFromJsonAsync<JsonElement>("/_emulator/requests");
        return [.. journal.GetProperty("recent").EnumerateArray()];
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>Tests that switch Meshy emulator faults: each starts and ends with none, so no fault leaks into the next test.</summary>
public abstract class MeshyFaultsTest(PlatformFixture platform) : IAsyncLifetime
{
    protected PlatformFixture Platform { get; } = platform;
    protected MeshyEmulatorAdmin Meshy { get; } = new(platform);

    public Task InitializeAsync() => Meshy.ClearFaultsAsync();

    public async Task DisposeAsync()
    {
        await Meshy.ClearFaultsAsync();
        Meshy.Dispose();
    }
}
