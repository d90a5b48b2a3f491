using System.Net;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Meshy3D.Integration.Tests;

/// <summary>The browser's live view of a job: Server-Sent Events through the gateway, and jobs surviving crashes.</summary>
[Collection(PlatformCollection.Name)]
public sealed class JobEventsTests(PlatformFixture platform) : MeshyFaultsTest(platform)
{
    [Fact]
    public async Task The_stream_replays_and_follows_the_timeline_in_order_and_ends_with_the_job()
    {
        using var browser = Platform.NewBrowser();
        var jobId = await Jobs.CreateAsync(browser, new { prompt = $"a mossy stone well {Guid.NewGuid():N}", enhance = false });

        var events = await ServerSentEvents.ReadAllAsync(browser, $"/api/generations/{jobId}/events");

        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Equal("progress", e.Event));
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => i.ToString()), events.Select(e => e.Id));
        Assert.Equal("Completed", events[^1].Data.GetProperty("status").GetString());
        Assert.True(events[^1].Data.GetProperty("isTerminal").GetBoolean());
        Assert.Contains(events, e => e.Data.GetProperty("stage").GetString() == "preview" && e.Data.GetProperty("progress").GetInt32() is > 0 and < 100);
        var job = await Jobs.WaitForTerminalAsync(browser, jobId);
        Assert.Equal(job.GetProperty("timeline").GetArrayLength(), events.Count);
    }

    [Fact]
    public async Task A_browser_that_reconnects_with_Last_Event_ID_misses_nothing_and_repeats_nothing()
    {
        using var browser = Platform.NewBrowser();
        var jobId = await Jobs.CreateAsync(browser, new { prompt = $"a white ceramic vase {Guid.NewGuid():N}", enhance = false });
        var path = $"/api/generations/{jobId}/events";

        // Read a few events, then drop the connection mid-job.
        var first = new List<SseEvent>();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await foreach (var (evt, _) in ServerSentEvents.ReadAsync(browser, path, null, timeout.Token))
            {
                if (evt is null) continue;
                first.Add(evt);
                if (first.Count == 3) break;
            }
        }
        var rest = await ServerSentEvents.ReadAllAsync(browser, path, lastEventId: first[^1].Id);

        var all = first.Concat(rest).Select(e => int.Parse(e.Id!)).ToList();
        Assert.Equal(Enumerable.Range(1, all.Count), all);
        Assert.Equal("Completed", rest[^1].Data.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Watchers_on_every_generation_instance_see_every_event()
    {
        using var owner = Platform.NewBrowser();
        var jobId = await Jobs.CreateAsync(owner, new { prompt = $"a yellow house {Guid.NewGuid():N}", enhance = false });
        // Several watchers at once: the gateway spreads them over both generation instances.
        var watchers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => ServerSentEvents.ReadAllAsync(owner, $"/api/generations/{jobId}/events")));

        var expected = watchers[0].Select(e => e.Id).ToList();
        Assert.Equal("Completed", watchers[0][^1].Data.GetProperty("status").GetString());
        Assert.All(watchers, w => Assert.Equal(expected, w.Select(e => e.Id)));
    }

    [Fact]
    public async Task Someone_elses_job_has_no_stream()
    {
        using var owner = Platform.NewBrowser();
        using var stranger = Platform.NewBrowser();
        var jobId = await Jobs.CreateAsync(owner, new { prompt = "a chair", enhance = false, texture = false });
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/generations/{jobId}/events")).StatusCode);
        await Jobs.WaitForTerminalAsync(owner, jobId);
    }

    [Fact]
    public async Task A_quiet_stream_sends_heartbeats()
    {
        await Meshy.SetFaultsAsync(new { stall = new { at_progress = 20, duration_ms = 4_000, count = 1 } });
        using var browser = Platform.NewBrowser();
        var jobId = await Jobs.CreateAsync(browser, new { prompt = $"a brown barrel {Guid.NewGuid():N}", enhance = false, texture = false });

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var heartbeats = 0;
        await foreach (var (evt, comment) in ServerSentEvents.ReadAsync(browser, $"/api/generations/{jobId}/events", null, timeout.Token))
        {
            if (comment == "heartbeat") heartbeats++;
            if (evt?.Data.GetProperty("isTerminal").GetBoolean() == true) break;
        }
        Assert.True(heartbeats >= 1, "a stalled job's stream should carry heartbeats");
    }

    [Fact]
    public async Task Killing_every_generation_instance_mid_job_loses_nothing_and_creates_no_task_twice()
    {
        // The preview stalls long enough for the crash to land while the job is following Meshy.
        await Meshy.SetFaultsAsync(new { stall = new { at_progress = 40, duration_ms = 3_000, count = 1 } });
        using var browser = Platform.NewBrowser();
        var prompt = $"a black iron lantern {Guid.NewGuid():N}";
        var jobId = await Jobs.CreateAsync(browser, new { prompt, enhance = false });
        await Jobs.WaitForAsync(browser, jobId, j => j.GetProperty("previewTaskId").ValueKind == JsonValueKind.String);

        IReadOnlyList<(string Id, int ProcessId)> instances;
        using (var find = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            instances = await ResourceInstances.FindAsync(Platform.App, "generation", expected: 2, find.Token);
        // SIGKILL to each instance's process tree: a crash, not a shutdown, so nothing releases its lease.
        foreach (var (_, pid) in instances) System.Diagnostics.Process.GetProcessById(pid).Kill(entireProcessTree: true);
        // Start them again (DCP does not always notice a killed process tree by itself, so ask it to restart).
        foreach (var (instance, _) in instances)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var restart = await Platform.App.ResourceCommands.ExecuteCommandAsync(instance, KnownResourceCommands.RestartCommand, timeout.Token);
            Assert.True(restart.Success, restart.Message);
        }

        var job = await Jobs.WaitForTerminalAsync(browser, jobId);

        Assert.Equal("Completed", job.GetProperty("status").GetString());
        var tasks = await Meshy.TasksForPromptAsync(prompt);
        Assert.Single(tasks, t => t.GetProperty("type").GetString() == "text-to-3d-preview");
        Assert.Single(tasks.Where(t => t.GetProperty("type").GetString() == "text-to-3d-refine").Select(t => t.GetProperty("id").GetString()).Append(job.GetProperty("refineTaskId").GetString()).Distinct());
    }
}
