using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;

namespace Meshy3D.Emulators.Meshy.Tests;

/// <summary>
/// One emulator on real Kestrel (127.0.0.1, a free port) per test, so tests never share tasks,
/// faults or limits. The timeline runs 200× faster than a manual run unless a test says otherwise.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    public const string TestKey = "msy_dummy_api_key_for_test_mode_12345678";
    public const string ConfiguredKey = "msy_emulator_tests_configured_key_0001";

    private readonly WebApplication _app;

    private EmulatorHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = NewClient(TestKey);
        Anonymous = NewClient(null);
    }

    public Uri BaseAddress { get; }

    /// <summary>Authenticated with Meshy's public test key.</summary>
    public HttpClient Client { get; }

    /// <summary>No Authorization header: admin API and signed asset downloads.</summary>
    public HttpClient Anonymous { get; }

    public static async Task<EmulatorHost> StartAsync(params string[] settings)
    {
        string[] defaults =
        [
            "Emulator:SpeedFactor=200",
            "Emulator:TextureSize=128",
            "Emulator:ThumbnailSize=64",
            "Meshy:RequestsPerSecond=100000",
            $"Meshy:ApiKey={ConfiguredKey}",
            "Logging:LogLevel:Default=Warning",
        ];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var (app, address) = await MeshyEmulator.StartOnLoopbackAsync([.. defaults, .. settings], timeout.Token);
        return new EmulatorHost(app, address);
    }

    public HttpClient NewClient(string? key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async Task<HttpResponseMessage> PostTaskAsync(object body, HttpClient? client = null) =>
        await (client ?? Client).PostAsJsonAsync("/openapi/v2/text-to-3d", body);

    public async Task<string> CreatePreviewAsync(string prompt = "a wooden chair", int polycount = 2000, HttpClient? client = null, string[]? formats = null)
    {
        var response = await PostTaskAsync(new Dictionary<string, object>
        {
            ["mode"] = "preview",
            ["prompt"] = prompt,
            ["target_polycount"] = polycount,
            ["target_formats"] = formats ?? ["glb"],
        }, client);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await ReadJsonAsync(response)).GetProperty("result").GetString()!;
    }

    public async Task<string> CreateRefineAsync(string previewId, bool pbr = true, string[]? formats = null, string? texturePrompt = null)
    {
        var body = new Dictionary<string, object> { ["mode"] = "refine", ["preview_task_id"] = previewId, ["enable_pbr"] = pbr };
        if (formats is not null) body["target_formats"] = formats;
        if (texturePrompt is not null) body["texture_prompt"] = texturePrompt;
        var response = await PostTaskAsync(body);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await ReadJsonAsync(response)).GetProperty("result").GetString()!;
    }

    public async Task<JsonElement> GetTaskAsync(string id, HttpClient? client = null)
    {
        var response = await (client ?? Client).GetAsync($"/openapi/v2/text-to-3d/{id}");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    /// <summary>Polls until the task satisfies <paramref name="done"/>; fails after the timeout.</summary>
    public async Task<JsonElement> WaitForAsync(string id, Func<JsonElement, bool> done, TimeSpan? timeout = null, HttpClient? client = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        var watch = Stopwatch.StartNew();
        JsonElement task;
        do
        {
            task = await GetTaskAsync(id, client);
            if (done(task)) return task;
            await Task.Delay(15);
        } while (watch.Elapsed < limit);
        Assert.Fail($"Task {id} did not reach the expected state within {limit}; last: {task}");
        return task;
    }

    public Task<JsonElement> WaitForTerminalAsync(string id, TimeSpan? timeout = null, HttpClient? client = null) =>
        WaitForAsync(id, t => t.GetProperty("status").GetString() is "SUCCEEDED" or "FAILED" or "CANCELED", timeout, client);

    public async Task<JsonElement> AdminAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        var response = await Anonymous.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public Task<JsonElement> SetFaultsAsync(object faults) => AdminAsync(HttpMethod.Post, "/_emulator/faults", faults);

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            Assert.Fail($"Expected JSON, got {(int)response.StatusCode}: '{text}'");
            throw;
        }
    }

    /// <summary>Asserts Meshy's error shape: the status and a <c>{"message": …}</c> body; returns the message.</summary>
    public static async Task<string> AssertErrorAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {body}");
        var message = JsonDocument.Parse(body).RootElement.GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
