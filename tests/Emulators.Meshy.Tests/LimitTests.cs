using System.Net;

namespace Meshy3D.Emulators.Meshy.Tests;

/// <summary>Meshy's per-account limits: requests per second and concurrent queued+running tasks.</summary>
public sealed class LimitTests
{
    [Fact]
    public async Task Requests_over_the_per_second_limit_get_429_RateLimitExceeded()
    {
        await using var emulator = await EmulatorHost.StartAsync("Meshy:RequestsPerSecond=3");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 6; i++)
        {
            var response = await emulator.Client.GetAsync("/openapi/v2/text-to-3d");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited ??= response;
        }
        Assert.True(statuses.Take(3).All(s => s == HttpStatusCode.OK), string.Join(",", statuses));
        Assert.NotNull(limited);
        Assert.Equal("RateLimitExceeded", await EmulatorHost.AssertErrorAsync(limited, 429));

        // Another account has its own budget; the window slides after a second.
        using var other = emulator.NewClient(EmulatorHost.ConfiguredKey);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/openapi/v2/text-to-3d")).StatusCode);
        await Task.Delay(1100);
        Assert.Equal(HttpStatusCode.OK, (await emulator.Client.GetAsync("/openapi/v2/text-to-3d")).StatusCode);
    }

    [Fact]
    public async Task Creating_past_the_concurrent_task_limit_gets_429_NoMoreConcurrentTasks_until_one_finishes()
    {
        await using var emulator = await EmulatorHost.StartAsync("Meshy:MaxConcurrentTasks=2", "Emulator:SpeedFactor=0.01");
        var first = await emulator.CreatePreviewAsync(polycount: 200);
        await emulator.CreatePreviewAsync(polycount: 200);
        var refused = await emulator.PostTaskAsync(new { mode = "preview", prompt = "a third chair", target_polycount = 200 });
        Assert.Equal("NoMoreConcurrentTasks", await EmulatorHost.AssertErrorAsync(refused, 429));

        await emulator.AdminAsync(HttpMethod.Post, "/_emulator/settings", new { speed_factor = 1000 });
        await emulator.WaitForTerminalAsync(first);
        await emulator.WaitForTerminalAsync((await emulator.CreatePreviewAsync(polycount: 200)));
    }

    [Fact]
    public async Task Limits_can_be_changed_at_run_time()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var settings = await emulator.AdminAsync(HttpMethod.Post, "/_emulator/settings", new { max_concurrent_tasks = 1 });
        Assert.Equal(1, settings.GetProperty("max_concurrent_tasks").GetInt32());
        await emulator.AdminAsync(HttpMethod.Post, "/_emulator/settings", new { speed_factor = 0.01 });
        await emulator.CreatePreviewAsync(polycount: 200);
        await EmulatorHost.AssertErrorAsync(await emulator.PostTaskAsync(new { mode = "preview", prompt = "x" }), 429);
    }
}
