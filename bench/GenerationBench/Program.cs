using Meshy3D.Bench.Generation;

// Generation benchmarks (issue 4): Meshy requests per job against a naive polling loop, 50 jobs under a
// queue limit of 10, and 1,000 browsers watching a job's events through the gateway.
// Usage: dotnet run -c Release --project bench/GenerationBench [-- --jobs 50 --watchers 1000]
var jobs = Arg("--jobs", 50);
var watchers = Arg("--watchers", 1000);

await using var platform = await BenchPlatform.StartAsync();
var results = new List<(string Measure, string Value)>();
results.AddRange(await RequestsPerJob.RunAsync(platform, jobCount: 5));
results.AddRange(await QueueLimit.RunAsync(platform, jobs));
results.AddRange(await Watchers.RunAsync(platform, watchers));

Console.WriteLine();
Console.WriteLine($"Generation benchmark — {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
Console.WriteLine($"| {"measure",-58} | {"value",-30} |");
Console.WriteLine($"|{new string('-', 60)}|{new string('-', 32)}|");
foreach (var (measure, value) in results) Console.WriteLine($"| {measure,-58} | {value,-30} |");

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
}
