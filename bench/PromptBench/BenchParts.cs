using System.Diagnostics;
using Meshy3D.Emulators.OpenAI;
using Meshy3D.Prompt.Infrastructure;
using Meshy3D.Prompt.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Meshy3D.Bench.Prompt;

sealed record BenchSettings(int Requests, int Concurrency, int ModelDelayMs, string? Postgres)
{
    public static BenchSettings Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new BenchSettings(
            int.Parse(Value("--requests") ?? "200"),
            int.Parse(Value("--concurrency") ?? "8"),
            int.Parse(Value("--model-delay-ms") ?? "0"),
            Value("--postgres") ?? Environment.GetEnvironmentVariable("PROMPTBENCH_POSTGRES"));
    }
}

/// <summary>The OpenAI emulator on a loopback port, and the prompt service's enhancer pointed at it.</summary>
sealed class EmulatorHost(WebApplication app) : IAsyncDisposable
{
    public static async Task<EmulatorHost> StartAsync(int responseDelayMs)
    {
        var app = OpenAIEmulator.CreateApp([
            "--urls", "http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
            $"--OpenAIEmulator:ResponseDelayMs={responseDelayMs}",
        ]);
        await app.StartAsync();
        return new EmulatorHost(app);
    }

    public OpenAIPromptEnhancer Enhancer()
    {
        var settings = new OpenAIOptions
        {
            Endpoint = new Uri(app.Urls.First() + "/v1"),
            ApiKey = "sk-emulator-bench",
            MaxRetries = 0,
        };
        return new OpenAIPromptEnhancer(OpenAIPromptEnhancer.CreateChatClient(settings), Options.Create(settings),
            NullLogger<OpenAIPromptEnhancer>.Instance);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

/// <summary>The service as the API uses it: a context per request, the record saved after each enhancement.</summary>
sealed class ServicePath(string connectionString, IPromptEnhancer enhancer)
{
    readonly DbContextOptions<PromptDbContext> _options = new DbContextOptionsBuilder<PromptDbContext>().UseNpgsql(connectionString).Options;
    readonly IOptions<PromptCacheOptions> _cache = Options.Create(new PromptCacheOptions());
    int _hits, _modelCalls;

    public int Hits => _hits;
    public int ModelCalls => _modelCalls;

    public async Task EnhanceAsync(string prompt, CancellationToken cancellationToken)
    {
        await using var db = new PromptDbContext(_options);
        var enhancement = await new PromptEnhancementService(enhancer, db, _cache, TimeProvider.System)
            .EnhanceAsync(prompt, "ko", jobId: null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        Interlocked.Increment(ref enhancement.Cached ? ref _hits : ref _modelCalls);
    }
}

/// <summary>A database of its own on the given server, migrated like promptdb and dropped afterwards.</summary>
sealed class ThrowawayDatabase(string server, string name) : IAsyncDisposable
{
    public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;

    public static async Task<ThrowawayDatabase> CreateAsync(string server)
    {
        var database = new ThrowawayDatabase(server, $"promptbench_{Guid.NewGuid():N}");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name(database)}", connection);
            await create.ExecuteNonQueryAsync();
        }
        await using var db = new PromptDbContext(new DbContextOptionsBuilder<PromptDbContext>().UseNpgsql(database.ConnectionString).Options);
        await db.Database.MigrateAsync();
        return database;

        static string name(ThrowawayDatabase d) => new NpgsqlConnectionStringBuilder(d.ConnectionString).Database!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

static class Prompts
{
    static readonly string[] Subjects = ["찻주전자", "돌 우물", "나무 의자", "랜턴", "보물 상자", "촛대", "회중시계", "망원경", "물레방아", "타자기"];
    static readonly string[] Looks = ["빨간", "이끼 낀", "낡은", "황동", "유리", "청동", "은색", "작은", "거대한", "손으로 그린"];

    /// <summary>Distinct, sensible Korean ideas; the tag keeps each path's prompts apart from the others' cache entries.</summary>
    public static IReadOnlyList<string> Distinct(int count, string tag) =>
        Enumerable.Range(0, count).Select(i => $"{Looks[i % Looks.Length]} {Subjects[i / Looks.Length % Subjects.Length]} {tag}{i}").ToArray();
}

sealed record BenchRow(string Path, int Requests, double P50, double P95, double PerSecond)
{
    public static void Print(IReadOnlyList<BenchRow> rows)
    {
        var width = rows.Max(r => r.Path.Length);
        Console.WriteLine($"| {"path".PadRight(width)} | requests |   p50 ms |   p95 ms | requests/s |");
        Console.WriteLine($"|{new string('-', width + 2)}|---------:|---------:|---------:|-----------:|");
        foreach (var r in rows)
            Console.WriteLine($"| {r.Path.PadRight(width)} | {r.Requests,8} | {r.P50,8:0.00} | {r.P95,8:0.00} | {r.PerSecond,10:0} |");
    }
}

static class Measure
{
    public static async Task<BenchRow> RunAsync(string path, IReadOnlyList<string> prompts, int concurrency, Func<string, CancellationToken, Task> call)
    {
        var latencies = new double[prompts.Count];
        var next = -1;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (int i; (i = Interlocked.Increment(ref next)) < prompts.Count;)
            {
                var started = Stopwatch.GetTimestamp();
                await call(prompts[i], CancellationToken.None);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        total.Stop();
        Array.Sort(latencies);
        return new BenchRow(path, prompts.Count, Percentile(latencies, 0.50), Percentile(latencies, 0.95), prompts.Count / total.Elapsed.TotalSeconds);
    }

    static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
