using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Meshy3D.Bench.Generation;

/// <summary>The real AppHost (local processes, the Meshy emulator at a known speed) in a throwaway data folder.</summary>
public sealed class BenchPlatform : IAsyncDisposable
{
    /// <summary>Emulator speed: a job takes (2 s queue + 20 s preview + 30 s refine) / SpeedFactor.</summary>
    public const int SpeedFactor = 10;
    public const int QueueLimit = 10;

    readonly string _dataRoot;
    public DistributedApplication App { get; }
    public Uri Gateway { get; }
    public HttpClient Meshy { get; }
    public int GenerationInstances { get; }

    BenchPlatform(string dataRoot, DistributedApplication app, int generationInstances)
    {
        GenerationInstances = generationInstances;
        _dataRoot = dataRoot;
        App = app;
        Gateway = app.GetEndpoint("gateway", "public");
        Meshy = app.CreateHttpClient("meshy-emulator", "http");
    }

    public static async Task<BenchPlatform> StartAsync(int generationInstances)
    {
        var dataRoot = Path.Combine(Path.GetTempPath(), $"meshy3d-bench-{Guid.NewGuid():N}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [$"--Platform:DataRoot={dataRoot}", "--GatewayPort=auto", "--Platform:FastDurability=true", $"--Emulators:MeshySpeedFactor={SpeedFactor}",
             $"--Meshy:MaxConcurrentTasks={QueueLimit}", $"--Generation:Replicas={generationInstances}", "--Generation:HeartbeatInterval=00:00:05"],
            (options, _) => options.DisableDashboard = true, timeout.Token);
        builder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", timeout.Token);
        Console.WriteLine("platform up");
        return new BenchPlatform(dataRoot, app, generationInstances);
    }

    /// <summary>A browser with its anonymous identity already set, so its parallel requests all act as one person.</summary>
    public async Task<HttpClient> NewBrowserAsync(int maxConnections = 16)
    {
        var browser = new HttpClient(new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        })
        { BaseAddress = Gateway, Timeout = Timeout.InfiniteTimeSpan };
        (await browser.GetAsync("/api/generations")).EnsureSuccessStatusCode();
        return browser;
    }

    public async Task<Guid> CreateJobAsync(HttpClient browser, string prompt, CancellationToken cancellationToken)
    {
        var created = await browser.PostAsJsonAsync("/api/generations", new { prompt, enhance = false }, cancellationToken);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid();
    }

    public async Task<JsonElement> WaitForJobAsync(HttpClient browser, Guid jobId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var job = await browser.GetFromJsonAsync<JsonElement>($"/api/generations/{jobId}", cancellationToken);
            if (job.GetProperty("isTerminal").GetBoolean()) return job;
            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>
    /// One job end to end, watched by as many browsers as the measured runs, so that first-use costs (JIT and its
    /// tiering up of the stream's hot paths, EF Core query compilation) are paid before anything is timed.
    /// </summary>
    public async Task WarmUpAsync(int watchers)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var browser = await NewBrowserAsync(watchers + 16);
        var jobId = await CreateJobAsync(browser, "a warm-up cube", timeout.Token);
        await new SseAudience(watchers).WatchAll(browser, $"/api/generations/{jobId}/events", timeout.Token);
        await WaitForJobAsync(browser, jobId, timeout.Token);
    }

    public async Task<JsonElement> MeshyJournalAsync() => await Meshy.GetFromJsonAsync<JsonElement>("/_emulator/requests");

    public async Task ResetMeshyJournalAsync() => (await Meshy.DeleteAsync("/_emulator/requests")).EnsureSuccessStatusCode();

    /// <summary>Resident memory of every instance of a resource, from the PIDs DCP reports.</summary>
    public async Task<long> ResidentBytesAsync(string resource, int instances) =>
        (await ProcessIdsAsync(resource, instances)).Sum(pid => TreeSum(pid, ResidentBytes));

    /// <summary>CPU time used so far by every instance of a resource (user + system, the whole process tree).</summary>
    public async Task<TimeSpan> CpuTimeAsync(string resource, int instances) =>
        TimeSpan.FromSeconds((await ProcessIdsAsync(resource, instances)).Sum(pid => TreeSum(pid, CpuTicks)) / 100.0);

    async Task<IEnumerable<int>> ProcessIdsAsync(string resource, int instances)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return (await Meshy3D.Integration.Tests.ResourceInstances.FindAsync(App, resource, instances, timeout.Token)).Select(r => r.ProcessId);
    }

    static long ResidentBytes(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:"))
            .Sum(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024);

    /// <summary>utime + stime from /proc/PID/stat, in clock ticks (100 per second); fields counted after the name's ')'.</summary>
    static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11]) + long.Parse(fields[12]);
    }

    static long TreeSum(int pid, Func<int, long> measure)
    {
        var sum = measure(pid);
        var children = $"/proc/{pid}/task/{pid}/children";
        if (File.Exists(children))
            foreach (var child in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                sum += TreeSum(int.Parse(child), measure);
        return sum;
    }

    public async ValueTask DisposeAsync()
    {
        Meshy.Dispose();
        await App.DisposeAsync();
        if (Directory.Exists(_dataRoot)) Directory.Delete(_dataRoot, recursive: true);
    }
}
