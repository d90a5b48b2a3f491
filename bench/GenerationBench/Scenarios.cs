using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Meshy3D.Bench.Generation;

/// <summary>Meshy requests per completed job: ours (create + stream per stage) against a loop that polls every second.</summary>
static class RequestsPerJob
{
    const string TestKey = "msy_dummy_api_key_for_test_mode_12345678";

    public static async Task<IEnumerable<(string, string)>> RunAsync(BenchPlatform platform, int jobCount)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await platform.ResetMeshyJournalAsync();
        using var browser = await platform.NewBrowserAsync();
        var jobs = await Task.WhenAll(Enumerable.Range(0, jobCount).Select(i => platform.CreateJobAsync(browser, $"a red chair number {i}", timeout.Token)));
        await Task.WhenAll(jobs.Select(j => platform.WaitForJobAsync(browser, j, timeout.Token)));
        var journal = await platform.MeshyJournalAsync();
        var ours = journal.GetProperty("total").GetInt32();
        var streams = journal.GetProperty("by_operation").TryGetProperty("stream", out var s) ? s.GetInt32() : 0;

        await platform.ResetMeshyJournalAsync();
        await Task.WhenAll(Enumerable.Range(0, jobCount).Select(i => NaiveJobAsync(platform.Meshy, $"a blue chair number {i}", timeout.Token)));
        var naive = (await platform.MeshyJournalAsync()).GetProperty("total").GetInt32();

        return
        [
            ($"Meshy requests per job, ours ({jobCount} jobs, speed x{BenchPlatform.SpeedFactor})",
                $"{(ours - streams) / (double)jobCount:0.0} + {streams / (double)jobCount:0.0} streams"),
            ($"Meshy requests per job, naive 1 s polling (same jobs)", $"{naive / (double)jobCount:0.0}"),
            // The naive loop's GETs scale with the job's duration; ours do not.
            ("naive at real speed (polls x speed factor), estimated", $"~{2 + (naive / (double)jobCount - 2) * BenchPlatform.SpeedFactor:0}"),
        ];
    }

    /// <summary>What a simple client does: create, then GET every second until done, for preview and refine.</summary>
    static async Task NaiveJobAsync(HttpClient meshy, string prompt, CancellationToken cancellationToken)
    {
        var preview = await CreateAsync(meshy, new { mode = "preview", prompt }, cancellationToken);
        await PollAsync(meshy, preview, cancellationToken);
        var refine = await CreateAsync(meshy, new { mode = "refine", preview_task_id = preview, enable_pbr = true }, cancellationToken);
        await PollAsync(meshy, refine, cancellationToken);
    }

    static async Task<string> CreateAsync(HttpClient meshy, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/openapi/v2/text-to-3d") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", TestKey);
        using var response = await meshy.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("result").GetString()!;
    }

    static async Task PollAsync(HttpClient meshy, string taskId, CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(1000, cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/openapi/v2/text-to-3d/{taskId}");
            request.Headers.Authorization = new("Bearer", TestKey);
            using var response = await meshy.SendAsync(request, cancellationToken);
            var task = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            if (task.GetProperty("status").GetString() is "SUCCEEDED" or "FAILED" or "CANCELED") return;
        }
    }
}

/// <summary>Many jobs at once under the account's queue limit: none lost, no 429 caused by us.</summary>
static class QueueLimit
{
    public static async Task<IEnumerable<(string, string)>> RunAsync(BenchPlatform platform, int jobCount)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await platform.ResetMeshyJournalAsync();
        using var browser = await platform.NewBrowserAsync(64);
        var watch = Stopwatch.StartNew();
        var jobs = await Task.WhenAll(Enumerable.Range(0, jobCount).Select(i => platform.CreateJobAsync(browser, $"a wooden table number {i}", timeout.Token)));
        var finished = await Task.WhenAll(jobs.Select(j => platform.WaitForJobAsync(browser, j, timeout.Token)));
        var elapsed = watch.Elapsed;
        var journal = await platform.MeshyJournalAsync();
        var tooMany = journal.GetProperty("by_status").TryGetProperty("429", out var c) ? c.GetInt32() : 0;
        var completed = finished.Count(j => j.GetProperty("status").GetString() == "Completed");
        return
        [
            ($"{jobCount} jobs, queue limit {BenchPlatform.QueueLimit}: completed", $"{completed} of {jobCount} in {elapsed.TotalSeconds:0} s"),
            ($"{jobCount} jobs, queue limit {BenchPlatform.QueueLimit}: 429 answers from Meshy", $"{tooMany}"),
        ];
    }
}

/// <summary>Browsers watching one job through the gateway: delay from an event's timeline time to its arrival, and memory.</summary>
static class Watchers
{
    public static async Task<IEnumerable<(string, string)>> RunAsync(BenchPlatform platform, int watcherCount, int speedFactor)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        using var owner = await platform.NewBrowserAsync(watcherCount + 16);
        (await platform.Meshy.PostAsJsonAsync("/_emulator/settings", new { speed_factor = speedFactor })).EnsureSuccessStatusCode();
        // The preview stalls while the watchers connect; then its progress, the refine and the rest stream to all of them.
        (await platform.Meshy.PostAsJsonAsync("/_emulator/faults", new { stall = new { at_progress = 10, duration_ms = 30_000, count = 1 } })).EnsureSuccessStatusCode();
        var memoryBefore = await platform.ResidentBytesAsync("gateway", 1) + await platform.ResidentBytesAsync("generation", 2);
        var jobId = await platform.CreateJobAsync(owner, "a mossy stone well", timeout.Token);

        var connected = 0;
        var allConnected = new TaskCompletionSource<DateTimeOffset>();
        var delays = new System.Collections.Concurrent.ConcurrentBag<double>();
        var connectWatch = Stopwatch.StartNew();
        var watchers = Enumerable.Range(0, watcherCount).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/generations/{jobId}/events");
            using var response = await owner.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            response.EnsureSuccessStatusCode();
            if (Interlocked.Increment(ref connected) == watcherCount) allConnected.TrySetResult(DateTimeOffset.UtcNow);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
            while (await reader.ReadLineAsync(timeout.Token) is { } line)
            {
                if (!line.StartsWith("data:")) continue;
                var arrived = DateTimeOffset.UtcNow;
                var data = JsonDocument.Parse(line[5..]).RootElement;
                if (!data.TryGetProperty("at", out var atProperty)) continue; // a queue place, not a timeline entry
                var at = atProperty.GetDateTimeOffset();
                // Only live events count: replayed history arrives late by design.
                if (allConnected.Task.IsCompleted && at > allConnected.Task.Result) delays.Add((arrived - at).TotalMilliseconds);
                if (data.GetProperty("isTerminal").GetBoolean()) return;
            }
        }).ToList();

        var connectedAt = await allConnected.Task.WaitAsync(timeout.Token);
        var connectSeconds = connectWatch.Elapsed.TotalSeconds;
        await Task.Delay(1000, timeout.Token);
        var memoryDuring = await platform.ResidentBytesAsync("gateway", 1) + await platform.ResidentBytesAsync("generation", 2);
        await Task.WhenAll(watchers);
        var liveSeconds = (DateTimeOffset.UtcNow - connectedAt).TotalSeconds;

        (await platform.Meshy.PostAsJsonAsync("/_emulator/settings", new { speed_factor = BenchPlatform.SpeedFactor })).EnsureSuccessStatusCode();
        var sorted = delays.Order().ToArray();
        double Percentile(double p) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
        return
        [
            ($"{watcherCount} watchers, Meshy at {speedFactor}x: connected in", $"{connectSeconds:0.0} s"),
            ("live events delivered (watchers x events)", $"{sorted.Length} in {liveSeconds:0.0} s"),
            ("delay timeline entry -> browser, p50 / p99", $"{Percentile(0.50):0} ms / {Percentile(0.99):0} ms"),
            ("memory per watcher (gateway + generation RSS)", $"{(memoryDuring - memoryBefore) / (double)watcherCount / 1024:0.0} KiB"),
        ];
    }
}
