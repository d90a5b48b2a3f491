using Meshy3D.Bench.Generation;

// Generation benchmarks (issue 4): Meshy requests per job against a naive polling loop, 50 jobs under a
// queue limit of 10, and 1,000 browsers watching a job's events through the gateway.
// Usage: dotnet run -c Release --project bench/GenerationBench [-- --jobs 50 --watchers 1,1000 --speeds 1,10 --only requests|queue|watchers|baseline --instances 2]
var jobs = Arg("--jobs", 50);
var watcherCounts = (Text("--watchers") ?? "1000").Split(',').Select(int.Parse).ToArray();
var speeds = (Text("--speeds") ?? $"1,{BenchPlatform.SpeedFactor}").Split(',').Select(int.Parse).ToArray();
var only = Text("--only");
bool Runs(string scenario) => only is null || only == scenario;

var results = new List<(string Measure, string Value)>();
if (only == "baseline")
{
    // The bare floors alone, with no platform idling beside them.
    foreach (var watchers in watcherCounts)
    {
        results.AddRange((await SseFloor.RunAsync(watchers)).Rows);
        results.AddRange((await SseFloor.RunAsync(watchers, throughProxy: true)).Rows);
    }
}
else
{
    await using var platform = await BenchPlatform.StartAsync(generationInstances: Arg("--instances", 2));
    if (Runs("requests")) results.AddRange(await RequestsPerJob.RunAsync(platform, jobCount: 5));
    if (Runs("queue")) results.AddRange(await QueueLimit.RunAsync(platform, jobs));
    // Watchers at Meshy's own pace (an event every second or so), then with the emulator 10x faster as a stress test,
    // after one watched job end to end, so first-use costs (JIT, EF Core query compilation) stay out of the figures.
    if (Runs("watchers")) await platform.WarmUpAsync(watcherCounts.Max());
    foreach (var watchers in watcherCounts.Where(_ => Runs("watchers")))
    {
        // The gateway fans events out itself: its floor is a bare Kestrel doing the same; a proxy hop per watcher is shown beside it.
        var baseline = await SseFloor.RunAsync(watchers);
        results.AddRange(baseline.Rows);
        results.AddRange((await SseFloor.RunAsync(watchers, throughProxy: true)).Rows);
        foreach (var speed in speeds) results.AddRange(await Watchers.RunAsync(platform, watchers, speed, baseline.P99));
    }
}

Console.WriteLine();
Console.WriteLine($"Generation benchmark — {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
Console.WriteLine($"| {"measure",-58} | {"value",-30} |");
Console.WriteLine($"|{new string('-', 60)}|{new string('-', 32)}|");
foreach (var (measure, value) in results) Console.WriteLine($"| {measure,-58} | {value,-30} |");

int Arg(string name, int fallback) => int.TryParse(Text(name), out var value) ? value : fallback;

string? Text(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
