using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
    public static async Task<IEnumerable<(string, string)>> RunAsync(BenchPlatform platform, int watcherCount, int speedFactor, double baselineP99)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        using var owner = await platform.NewBrowserAsync(watcherCount + 16);
        (await platform.Meshy.PostAsJsonAsync("/_emulator/settings", new { speed_factor = speedFactor })).EnsureSuccessStatusCode();
        // The preview stalls while the watchers connect; then its progress, the refine and the rest stream to all of them.
        (await platform.Meshy.PostAsJsonAsync("/_emulator/faults", new { stall = new { at_progress = 10, duration_ms = 30_000, count = 1 } })).EnsureSuccessStatusCode();
        var memoryBefore = await platform.ResidentBytesAsync("gateway", 1) + await platform.ResidentBytesAsync("generation", platform.GenerationInstances);
        var jobId = await platform.CreateJobAsync(owner, "a mossy stone well", timeout.Token);

        var audience = new SseAudience(watcherCount);
        var watchers = audience.WatchAll(owner, $"/api/generations/{jobId}/events", timeout.Token);
        await audience.Connected.WaitAsync(timeout.Token);
        await Task.Delay(1000, timeout.Token);
        var memoryDuring = await platform.ResidentBytesAsync("gateway", 1) + await platform.ResidentBytesAsync("generation", platform.GenerationInstances);
        // Measured from a few seconds into the stall, once the streams' own start-up (replay, place in line) is done:
        // the events of the connection storm are reported apart.
        await Task.Delay(4000, timeout.Token);
        audience.SettledFrom = DateTimeOffset.UtcNow;
        var cpuBefore = await CpuAsync(platform);
        await watchers;
        var cpu = (await CpuAsync(platform)).Zip(cpuBefore, (after, before) => (after - before).TotalMilliseconds / audience.MeasuredEventCount).ToArray();
        (await platform.Meshy.PostAsJsonAsync("/_emulator/settings", new { speed_factor = BenchPlatform.SpeedFactor })).EnsureSuccessStatusCode();

        return
        [
            ($"{watcherCount} watchers, Meshy at {speedFactor}x: connected in", $"{audience.ConnectSeconds:0.0} s"),
            .. audience.Report(),
            ("p99 / bare Kestrel's p99 (same run)", $"{audience.P99 / baselineP99:0.0}x"),
            // Only many watchers rise above the processes' own RSS noise.
            .. watcherCount >= 100 ? [("memory per watcher (gateway + generation RSS)", $"{(memoryDuring - memoryBefore) / (double)watcherCount / 1024:0.0} KiB")] : Array.Empty<(string, string)>(),
            // Where the fan-out's time goes: on 2 cores, the three together bound how fast the last watcher can be reached.
            ("CPU per live event: gateway / generation / the watchers", $"{cpu[0]:0} ms / {cpu[1]:0} ms / {cpu[2]:0} ms"),
        ];
    }

    static async Task<TimeSpan[]> CpuAsync(BenchPlatform platform) =>
    [
        await platform.CpuTimeAsync("gateway", 1),
        await platform.CpuTimeAsync("generation", platform.GenerationInstances),
        Process.GetCurrentProcess().TotalProcessorTime,
    ];
}

/// <summary>
/// The baselines run side by side: the same watchers on a bare Kestrel SSE endpoint, straight or behind a bare YARP
/// forwarder, in this process, with no database, broker or other service: the floor this machine sets for a server
/// that fans events out itself (as the gateway's relay does), and for one more proxy hop per watcher.
/// </summary>
static class SseFloor
{
    public static async Task<(IEnumerable<(string, string)> Rows, double P99)> RunAsync(int watcherCount, int events = 20, int intervalMs = 1000, bool throughProxy = false)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var subscribers = new System.Collections.Concurrent.ConcurrentDictionary<System.Threading.Channels.Channel<byte[]>, byte>();
        await using var origin = await StartAsync(app => app.MapGet("/events", async (HttpContext http) =>
        {
            var frames = System.Threading.Channels.Channel.CreateBounded<byte[]>(64);
            subscribers[frames] = 0;
            http.Response.ContentType = "text/event-stream";
            await http.Response.BodyWriter.WriteAsync("retry: 2000\n\n"u8.ToArray(), http.RequestAborted);
            try
            {
                while (await frames.Reader.WaitToReadAsync(http.RequestAborted))
                    while (frames.Reader.TryRead(out var frame)) await http.Response.BodyWriter.WriteAsync(frame, http.RequestAborted);
            }
            catch (OperationCanceledException) { }
            finally { subscribers.TryRemove(frames, out _); }
        }), _ => { });
        var originUrl = Address(origin);
        await using var proxy = throughProxy ? await StartAsync(app => app.MapForwarder("/events", originUrl), services => services.AddHttpForwarder()) : null;

        using var browser = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = watcherCount + 16 })
        { BaseAddress = new Uri(proxy is null ? originUrl : Address(proxy)), Timeout = Timeout.InfiniteTimeSpan };
        var audience = new SseAudience(watcherCount);
        var watchers = audience.WatchAll(browser, "/events", timeout.Token);
        await audience.Connected.WaitAsync(timeout.Token);
        await Task.Delay(1000, timeout.Token);
        for (var sequence = 1; sequence <= events; sequence++)
        {
            var data = JsonSerializer.Serialize(new { sequence, at = DateTimeOffset.UtcNow, isTerminal = sequence == events }, JsonSerializerOptions.Web);
            var frame = System.Text.Encoding.UTF8.GetBytes($"id: {sequence}\nevent: progress\ndata: {data}\n\n");
            foreach (var subscriber in subscribers.Keys) subscriber.Writer.TryWrite(frame);
            await Task.Delay(intervalMs, timeout.Token);
        }
        foreach (var subscriber in subscribers.Keys) subscriber.Writer.TryComplete(); // the job is over: streams end
        await watchers;
        var baseline = throughProxy ? "bare Kestrel behind bare YARP" : "bare Kestrel";
        return ([($"{watcherCount} watchers, {baseline} (baseline): connected in", $"{audience.ConnectSeconds:0.0} s"), .. audience.Report()], audience.P99);
    }

    static async Task<WebApplication> StartAsync(Action<WebApplication> map, Action<IServiceCollection> services)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        services(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return app;
    }

    static string Address(WebApplication app) =>
        app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
}

/// <summary>
/// Many browsers on one SSE stream: each live timeline event's delay from its "at" time to its arrival. While the
/// stream runs a watcher only records raw reads and their arrival time; frames are parsed after it ends, so the
/// watchers take as little CPU as possible from the server they share this machine with (real browsers do not).
/// </summary>
sealed class SseAudience(int size)
{
    readonly TaskCompletionSource<DateTimeOffset> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly System.Collections.Concurrent.ConcurrentBag<Recording> _recordings = [];
    readonly Stopwatch _since = Stopwatch.StartNew();
    (int Sequence, string Label, DateTimeOffset At, double Ms)[]? _live, _delays;
    int _count;
    DateTimeOffset _liveUntil;

    /// <summary>One watcher's stream: its bytes, and for each read, where it ended and when it arrived (UTC ticks).</summary>
    sealed record Recording(byte[] Bytes, List<(int End, long ArrivedTicks)> Reads);

    public Task<DateTimeOffset> Connected => _connected.Task;
    public double ConnectSeconds { get; private set; }

    /// <summary>Events from this moment on are measured (default: once every watcher is connected); earlier ones are reported apart.</summary>
    public DateTimeOffset? SettledFrom { get; set; }

    public async Task WatchAll(HttpClient browser, string path, CancellationToken cancellationToken)
    {
        await Task.WhenAll(Enumerable.Range(0, size).Select(_ => WatchAsync(browser, path, cancellationToken)));
        _liveUntil = DateTimeOffset.UtcNow;
    }

    async Task WatchAsync(HttpClient browser, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await browser.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        if (Interlocked.Increment(ref _count) == size)
        {
            ConnectSeconds = _since.Elapsed.TotalSeconds;
            _connected.TrySetResult(DateTimeOffset.UtcNow);
        }
        // The stream ends when the job does.
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var bytes = new System.Buffers.ArrayBufferWriter<byte>(16 * 1024);
        var reads = new List<(int, long)>(128);
        while (await body.ReadAsync(bytes.GetMemory(4096), cancellationToken) is var read and > 0)
        {
            reads.Add((bytes.WrittenCount + read, DateTime.UtcNow.Ticks));
            bytes.Advance(read);
        }
        _recordings.Add(new Recording(bytes.WrittenSpan.ToArray(), reads));
    }

    /// <summary>Every live event in every recording, parsed once.</summary>
    (int Sequence, string Label, DateTimeOffset At, double Ms)[] Live => _live ??= [.. _recordings.SelectMany(LiveDelays)];

    (int Sequence, string Label, DateTimeOffset At, double Ms)[] Delays => _delays ??= [.. Live.Where(d => d.At > (SettledFrom ?? Connected.Result))];

    /// <summary>Live events before <see cref="SettledFrom"/>, while the streams were still starting.</summary>
    IEnumerable<(int Sequence, string Label, DateTimeOffset At, double Ms)> Settling => Live.Where(d => d.At <= SettledFrom);

    public int MeasuredEventCount => Delays.Select(d => d.Sequence).Distinct().Count();

    /// <summary>Each live timeline event in one recording with its delay; replayed history arrives late by design.</summary>
    IEnumerable<(int Sequence, string Label, DateTimeOffset At, double Ms)> LiveDelays(Recording recording)
    {
        var connected = Connected.Result;
        var text = recording.Bytes.AsMemory();
        var read = 0;
        for (var start = 0; start < text.Length;)
        {
            var length = text.Span[start..].IndexOf("\n\n"u8);
            if (length < 0) break;
            var end = start + length + 2;
            while (recording.Reads[read].End < end) read++;
            var frame = System.Text.Encoding.UTF8.GetString(text.Span[start..end]);
            start = end;
            var data = frame.Split('\n').FirstOrDefault(l => l.StartsWith("data:"));
            if (data is null) continue;
            var json = JsonDocument.Parse(data[5..]).RootElement;
            if (!json.TryGetProperty("at", out var at) || at.GetDateTimeOffset() <= connected) continue; // a queue place, or history
            yield return (json.GetProperty("sequence").GetInt32(), Label(json), at.GetDateTimeOffset(), (new DateTime(recording.Reads[read].ArrivedTicks, DateTimeKind.Utc) - at.GetDateTimeOffset()).TotalMilliseconds);
        }
    }

    static string Label(JsonElement json) =>
        string.Join(' ', new[] { "stage", "status", "progress" }.Select(p => json.TryGetProperty(p, out var v) ? v.ToString() : null).OfType<string>());

    public double P99 => Rank([.. Delays.Select(d => d.Ms).Order()], 0.99);

    public IEnumerable<(string, string)> Report()
    {
        var sorted = Delays.Select(d => d.Ms).Order().ToArray();
        // Per event: when its first and its last watcher got it; the gap is the cost of the fan-out itself.
        var perEvent = Delays.GroupBy(d => (d.Sequence, d.Label)).Select(g => (g.Key.Sequence, g.Key.Label, First: g.Min(d => d.Ms), Last: g.Max(d => d.Ms))).ToList();
        var slowest = perEvent.OrderByDescending(e => e.Last).Take(3).Select(e => $"#{e.Sequence} {e.Label}: {e.Last:0} ms");
        double[] firsts = [.. perEvent.Select(e => e.First).Order()], lasts = [.. perEvent.Select(e => e.Last).Order()];
        var liveSeconds = (_liveUntil - Connected.Result).TotalSeconds;
        return
        [
            ("live events delivered (watchers x events)", $"{sorted.Length} in {liveSeconds:0.0} s"),
            ("delay event -> browser, p50 / p99", $"{Rank(sorted, 0.50):0} ms / {Rank(sorted, 0.99):0} ms"),
            ("per event, first / last watcher reached (median)", $"{Rank(firsts, 0.5):0} ms / {Rank(lasts, 0.5):0} ms"),
            // The p99 is decided by the few worst events: those that land on other work (a stage change, the job's end).
            ("per event, last watcher reached: 90th pct / worst event", $"{Rank(lasts, 0.9):0} ms / {lasts[^1]:0} ms"),
            ("slowest events (last watcher)", string.Join("; ", slowest)),
            .. Settling.GroupBy(d => d.Sequence).Select(g => g.Max(d => d.Ms)).ToList() is { Count: > 0 } settling
                ? [("events while the streams were starting (not counted above): last watcher", string.Join(", ", settling.Select(ms => $"{ms:0} ms")))]
                : Array.Empty<(string, string)>(),
        ];
    }

    static double Rank(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
}
