using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Meshy3D.Emulators.Meshy.Tests;

/// <summary>Each fault switch of <c>/_emulator/faults</c>, observed the way a Meshy client would see it.</summary>
public sealed class FaultTests
{
    [Fact]
    public async Task Next_n_requests_get_RateLimitExceeded_then_calls_succeed()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        await emulator.SetFaultsAsync(new { errors = new[] { new { status = 429, message = "RateLimitExceeded", count = 2 } } });
        Assert.Equal("RateLimitExceeded", await EmulatorHost.AssertErrorAsync(await emulator.Client.GetAsync("/openapi/v2/text-to-3d"), 429));
        Assert.Equal("RateLimitExceeded", await EmulatorHost.AssertErrorAsync(await emulator.Client.GetAsync("/openapi/v2/text-to-3d"), 429));
        Assert.Equal(HttpStatusCode.OK, (await emulator.Client.GetAsync("/openapi/v2/text-to-3d")).StatusCode);
        var faults = await emulator.AdminAsync(HttpMethod.Get, "/_emulator/faults");
        Assert.Equal(0, faults.GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public async Task Queue_full_can_be_aimed_at_create_only()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        await emulator.SetFaultsAsync(new { errors = new[] { new { status = 429, message = "NoMoreConcurrentTasks", count = 1, operations = new[] { "create" } } } });
        Assert.Equal(HttpStatusCode.OK, (await emulator.Client.GetAsync("/openapi/v2/text-to-3d")).StatusCode);
        var refused = await emulator.PostTaskAsync(new { mode = "preview", prompt = "a chair" });
        Assert.Equal("NoMoreConcurrentTasks", await EmulatorHost.AssertErrorAsync(refused, 429));
        await emulator.CreatePreviewAsync();
    }

    [Theory]
    [InlineData(402)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Payment_required_and_server_errors_are_answered_with_a_message(int status)
    {
        await using var emulator = await EmulatorHost.StartAsync();
        await emulator.SetFaultsAsync(new { errors = new[] { new { status, count = 1 } } });
        await EmulatorHost.AssertErrorAsync(await emulator.PostTaskAsync(new { mode = "preview", prompt = "a chair" }), status);
        await emulator.CreatePreviewAsync();
    }

    [Fact]
    public async Task Errors_at_a_rate_hit_some_requests_and_spare_others()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        await emulator.SetFaultsAsync(new { errors = new[] { new { status = 503, rate = 0.5 } } });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 60; i++) statuses.Add((await emulator.Client.GetAsync("/openapi/v2/text-to-3d")).StatusCode);
        Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);
        Assert.Contains(HttpStatusCode.OK, statuses);
    }

    [Fact]
    public async Task Slow_responses_are_delayed()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        await emulator.SetFaultsAsync(new { delay = new { delay_ms = 600, count = 1, operations = new[] { "list" } } });
        var watch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await emulator.Client.GetAsync("/openapi/v2/text-to-3d")).StatusCode);
        Assert.True(watch.ElapsedMilliseconds >= 550, $"took {watch.ElapsedMilliseconds} ms");
        watch.Restart();
        await emulator.Client.GetAsync("/openapi/v2/text-to-3d");
        Assert.True(watch.ElapsedMilliseconds < 550, $"second call took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Stalls_freeze_progress_for_a_while()
    {
        await using var emulator = await EmulatorHost.StartAsync("Emulator:SpeedFactor=100");
        await emulator.SetFaultsAsync(new { stall = new { at_progress = 40, duration_ms = 2000, count = 1 } });
        var id = await emulator.CreatePreviewAsync(polycount: 200);
        var stalled = await emulator.WaitForAsync(id, t => t.GetProperty("progress").GetInt32() >= 40);
        Assert.Equal("IN_PROGRESS", stalled.GetProperty("status").GetString());
        Assert.Equal(40, stalled.GetProperty("progress").GetInt32());
        await Task.Delay(600);
        var still = await emulator.GetTaskAsync(id);
        Assert.Equal(40, still.GetProperty("progress").GetInt32());
        Assert.Equal("IN_PROGRESS", still.GetProperty("status").GetString());
        var done = await emulator.WaitForTerminalAsync(id);
        Assert.Equal("SUCCEEDED", done.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Streams_drop_after_k_events_and_the_task_is_recovered_with_get()
    {
        await using var emulator = await EmulatorHost.StartAsync("Emulator:SpeedFactor=10");
        await emulator.SetFaultsAsync(new { stream_drop = new { after_events = 2, count = 1 } });
        var id = await emulator.CreatePreviewAsync(polycount: 200);
        var events = await SseReader.ReadAllAsync(emulator.Client, $"/openapi/v2/text-to-3d/{id}/stream", TimeSpan.FromSeconds(10));
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.DoesNotContain(JsonDocument.Parse(e.Data).RootElement.GetProperty("status").GetString(), new[] { "SUCCEEDED", "FAILED" }));

        // The next stream is whole again.
        var again = await SseReader.ReadAllAsync(emulator.Client, $"/openapi/v2/text-to-3d/{id}/stream", TimeSpan.FromSeconds(20));
        Assert.Equal("SUCCEEDED", JsonDocument.Parse(again[^1].Data).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Streams_can_drop_as_a_broken_connection()
    {
        await using var emulator = await EmulatorHost.StartAsync("Emulator:SpeedFactor=10");
        await emulator.SetFaultsAsync(new { stream_drop = new { after_events = 1, abort = true, count = 1 } });
        var id = await emulator.CreatePreviewAsync(polycount: 200);
        var (events, broken) = await SseReader.ReadAsync(emulator.Client, $"/openapi/v2/text-to-3d/{id}/stream", TimeSpan.FromSeconds(10));
        Assert.True(broken, "the connection should break rather than end");
        Assert.True(events.Count <= 1, $"{events.Count} events arrived");
        Assert.Equal("SUCCEEDED", (await emulator.WaitForTerminalAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Fail_switch_ends_the_next_task_FAILED_with_its_message_and_refunds_it()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        await emulator.SetFaultsAsync(new { fail = new { count = 1, message = "GPU fell over", type = "server_error", code = "timeout" } });
        var failed = await emulator.WaitForTerminalAsync(await emulator.CreatePreviewAsync());
        Assert.Equal("FAILED", failed.GetProperty("status").GetString());
        var error = failed.GetProperty("task_error");
        Assert.Equal("GPU fell over", error.GetProperty("message").GetString());
        Assert.Equal("server_error", error.GetProperty("type").GetString());
        Assert.Equal("timeout", error.GetProperty("code").GetString());
        Assert.Equal(0, failed.GetProperty("consumed_credits").GetInt32());
        Assert.True(failed.GetProperty("finished_at").GetInt64() > 0);
        Assert.Empty(failed.GetProperty("model_urls").EnumerateObject());

        var next = await emulator.WaitForTerminalAsync(await emulator.CreatePreviewAsync());
        Assert.Equal("SUCCEEDED", next.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_prompt_with_the_trigger_word_fails()
    {
        await using var emulator = await EmulatorHost.StartAsync("Emulator:FailurePromptTrigger=please-fail");
        var failed = await emulator.WaitForTerminalAsync(await emulator.CreatePreviewAsync("a chair, please-fail"));
        Assert.Equal("FAILED", failed.GetProperty("status").GetString());
        Assert.Equal("invalid_input", failed.GetProperty("task_error").GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(failed.GetProperty("task_error").GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Speed_factor_switch_changes_how_long_a_task_takes()
    {
        await using var emulator = await EmulatorHost.StartAsync("Emulator:SpeedFactor=1");
        var id = await emulator.CreatePreviewAsync(polycount: 200);
        await Task.Delay(400);
        Assert.Equal("PENDING", (await emulator.GetTaskAsync(id)).GetProperty("status").GetString()); // 2 s queue at 1×

        var settings = await emulator.AdminAsync(HttpMethod.Post, "/_emulator/settings", new { speed_factor = 500 });
        Assert.Equal(500, settings.GetProperty("speed_factor").GetDouble());
        var watch = Stopwatch.StartNew();
        await emulator.WaitForTerminalAsync(id, TimeSpan.FromSeconds(10));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Faults_are_cleared_by_delete_and_reset()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        await emulator.SetFaultsAsync(new { errors = new[] { new { status = 500 } } });
        await EmulatorHost.AssertErrorAsync(await emulator.Client.GetAsync("/openapi/v2/text-to-3d"), 500);
        await emulator.AdminAsync(HttpMethod.Delete, "/_emulator/faults");
        Assert.Equal(HttpStatusCode.OK, (await emulator.Client.GetAsync("/openapi/v2/text-to-3d")).StatusCode);

        await emulator.SetFaultsAsync(new { errors = new[] { new { status = 503 } } });
        await emulator.AdminAsync(HttpMethod.Post, "/_emulator/reset");
        Assert.Equal(HttpStatusCode.OK, (await emulator.Client.GetAsync("/openapi/v2/text-to-3d")).StatusCode);
    }
}
