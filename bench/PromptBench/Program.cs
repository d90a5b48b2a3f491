using Meshy3D.Bench.Prompt;

// Prompt enhancement, miss path (the model) against cache hits, on the OpenAI emulator started in-process.
//   dotnet run -c Release --project bench/PromptBench [-- --postgres "Host=…;Username=…;Password=…"]
//       [--requests 200] [--concurrency 8] [--model-delay-ms 0]
// With --postgres (or PROMPTBENCH_POSTGRES) the prompt service's own classes run on a throwaway database there:
// misses ask the model and write the cache and the record, hits read the cache and write the record.
// Without it only the enhancer's model path is measured, and the table says so.
var settings = BenchSettings.Parse(args);
await using var emulator = await EmulatorHost.StartAsync(settings.ModelDelayMs);
var enhancer = emulator.Enhancer();

Console.WriteLine($"PromptBench: {settings.Requests} requests per path, {settings.Concurrency} concurrent, " +
                  $"emulator answer delay {settings.ModelDelayMs} ms, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
var rows = new List<BenchRow>();

// Warm-up: JIT, connection pool, emulator.
await Measure.RunAsync("warm-up", Prompts.Distinct(20, "warm"), settings.Concurrency,
    (prompt, ct) => enhancer.EnhanceAsync(prompt, "ko", ct));

rows.Add(await Measure.RunAsync("enhancer → model (miss)", Prompts.Distinct(settings.Requests, "model"), settings.Concurrency,
    (prompt, ct) => enhancer.EnhanceAsync(prompt, "ko", ct)));

if (settings.Postgres is { } connectionString)
{
    await using var database = await ThrowawayDatabase.CreateAsync(connectionString);
    var service = new ServicePath(database.ConnectionString, enhancer);
    var prompts = Prompts.Distinct(settings.Requests, "service");
    rows.Add(await Measure.RunAsync("service, cache miss (model + cache write + record)", prompts, settings.Concurrency, service.EnhanceAsync));
    rows.Add(await Measure.RunAsync("service, cache hit (cache read + record)", prompts, settings.Concurrency, service.EnhanceAsync));
    if (service.Hits != settings.Requests || service.ModelCalls != settings.Requests)
        throw new InvalidOperationException($"Expected {settings.Requests} hits and as many model calls; saw {service.Hits} and {service.ModelCalls}.");
}

BenchRow.Print(rows);
if (rows.Count == 3)
{
    var (miss, hit) = (rows[1], rows[2]);
    Console.WriteLine($"hit vs miss: a hit takes {hit.P50 / miss.P50:P1} of a miss's p50 ({miss.P50 / hit.P50:0.0}× faster), " +
                      $"throughput {hit.PerSecond / miss.PerSecond:0.0}×; {settings.Requests} of {settings.Requests} repeated requests were hits");
}
else
{
    Console.WriteLine("No PostgreSQL given (--postgres or PROMPTBENCH_POSTGRES): the cache paths were not measured, only the model path.");
}
