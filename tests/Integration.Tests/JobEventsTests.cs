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

        // Read to the end of the stream: the server ends it shortly after the job's last event.
        var all = new List<SseEvent>();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
            await foreach (var (evt, _) in ServerSentEvents.ReadAsync(browser, $"/api/generations/{jobId}/events", null, timeout.Token))
                if (evt is not null) all.Add(evt);
        var events = all.Timeline();

        Assert.NotEmpty(events);
        Assert.All(all, e => Assert.Contains(e.Event, new[] { "progress", "queue" }));
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => i.ToString()), events.Select(e => e.Id));
        Assert.Equal("Completed", events[^1].Data.GetProperty("status").GetString());
        Assert.True(events[^1].Data.GetProperty("isTerminal").GetBoolean());
        Assert.Contains(events, e => e.Data.GetProperty("stage").GetString() == "preview" && e.Data.GetProperty("progress").GetInt32() is > 0 and < 100);
        var job = await Jobs.WaitForTerminalAsync(browser, jobId);
        Assert.Equal(job.GetProperty("timeline").GetArrayLength(), events.Count);
    }

    [Fact]
    public async Task After_the_end_a_reconnecting_browser_is_told_to_stop_and_a_new_one_gets_the_whole_timeline()
    {
        using var browser = Platform.NewBrowser();
        var jobId = await Jobs.CreateAsync(browser, new { prompt = $"a small clay pot {Guid.NewGuid():N}", enhance = false, texture = false });
        var last = (await Jobs.WaitForTerminalAsync(browser, jobId)).GetProperty("timeline").GetArrayLength();
        var path = $"/api/generations/{jobId}/events";

        // A page that did not close its EventSource reconnects with the last id it saw: 204 stops its reconnecting.
        using var reconnect = new HttpRequestMessage(HttpMethod.Get, path);
        reconnect.Headers.Add("Last-Event-ID", last.ToString());
        using var stop = await browser.SendAsync(reconnect);
        Assert.Equal(HttpStatusCode.NoContent, stop.StatusCode);

        // One that missed the last event still gets it; a new page gets the whole timeline.
        var missed = (await ServerSentEvents.ReadAllAsync(browser, path, lastEventId: (last - 1).ToString())).Timeline();
        Assert.Equal([last.ToString()], missed.Select(e => e.Id));
        Assert.Equal(Enumerable.Range(1, last).Select(i => i.ToString()), (await ServerSentEvents.ReadAllAsync(browser, path)).Timeline().Select(e => e.Id));
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
                if (evt?.Event != "progress") continue;
                first.Add(evt);
                if (first.Count == 3) break;
            }
        }
        var rest = (await ServerSentEvents.ReadAllAsync(browser, path, lastEventId: first[^1].Id)).Timeline();

        var all = first.Concat(rest).Select(e => int.Parse(e.Id!)).ToList();
        Assert.Equal(Enumerable.Range(1, all.Count), all);
        Assert.Equal("Completed", rest[^1].Data.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Watchers_on_every_generation_instance_see_every_event()
    {
        // Straight to the generation service (the gateway would share one stream among them): six connections spread
        // over both instances, and whichever follows the job, every instance hands every event on.
        using var owner = await Platform.NewServiceCallerAsync("generation");
        var jobId = await Jobs.CreateAsync(owner, new { prompt = $"a yellow house {Guid.NewGuid():N}", enhance = false });
        var watchers = (await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => ServerSentEvents.ReadAllAsync(owner, $"/api/generations/{jobId}/events"))))
            .Select(ServerSentEvents.Timeline).ToList();

        var job = await Jobs.WaitForTerminalAsync(owner, jobId);
        var expected = Enumerable.Range(1, job.GetProperty("timeline").GetArrayLength()).Select(i => i.ToString()).ToList();
        Assert.Equal("Completed", watchers[0][^1].Data.GetProperty("status").GetString());
        Assert.All(watchers, w => Assert.Equal(expected, w.Select(e => e.Id)));
    }

    [Fact]
    public async Task Browsers_joining_a_watched_job_through_the_gateway_each_get_what_they_have_not_seen()
    {
        using var owner = Platform.NewBrowser();
        var jobId = await Jobs.CreateAsync(owner, new { prompt = $"a blue teapot {Guid.NewGuid():N}", enhance = false, texture = false });
        var path = $"/api/generations/{jobId}/events";
        var first = new List<SseEvent>();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            // While this one keeps the gateway's relay of the job open, others join it at different points of the timeline.
            await foreach (var (evt, _) in ServerSentEvents.ReadAsync(owner, path, null, timeout.Token))
            {
                if (evt?.Event != "progress") continue;
                first.Add(evt);
                if (first.Count != 3) continue;
                var joiners = await Task.WhenAll(
                    ServerSentEvents.ReadAllAsync(owner, path),
                    ServerSentEvents.ReadAllAsync(owner, path, lastEventId: "2"),
                    ServerSentEvents.ReadAllAsync(owner, path, lastEventId: "3"));
                var last = int.Parse(joiners[0].Timeline()[^1].Id!);
                Assert.Equal(Enumerable.Range(1, last).Select(i => i.ToString()), joiners[0].Timeline().Select(e => e.Id));
                Assert.Equal(Enumerable.Range(3, last - 2).Select(i => i.ToString()), joiners[1].Timeline().Select(e => e.Id));
                Assert.Equal(Enumerable.Range(4, last - 3).Select(i => i.ToString()), joiners[2].Timeline().Select(e => e.Id));
                Assert.All(joiners, j => Assert.True(j[^1].IsTerminal()));
                break;
            }
        }
        Assert.Equal(3, first.Count);
    }

    [Fact]
    public async Task A_queued_jobs_stream_tells_its_place_in_line_as_the_line_moves()
    {
        // Four stalled jobs hold every Meshy slot (the fixture's queue limit is 4), so the next two wait in line.
        await Meshy.SetFaultsAsync(new { stall = new { at_progress = 10, duration_ms = 8_000, count = 4 } });
        using var browser = Platform.NewBrowser();
        await browser.GetAsync("/api/generations"); // the identity cookie first, so parallel requests share it
        var blockers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            Jobs.CreateAsync(browser, new { prompt = $"a grey stone {i} {Guid.NewGuid():N}", enhance = false, texture = false })));
        foreach (var blocker in blockers)
            await Jobs.WaitForAsync(browser, blocker, j => j.GetProperty("previewTaskId").ValueKind == JsonValueKind.String);
        var ahead = await Jobs.CreateAsync(browser, new { prompt = $"a green bottle {Guid.NewGuid():N}", enhance = false, texture = false });
        var jobId = await Jobs.CreateAsync(browser, new { prompt = $"a red apple {Guid.NewGuid():N}", enhance = false, texture = false });
        var queued = await Jobs.WaitForAsync(browser, jobId, j => j.GetProperty("status").GetString() == "Queued");
        var placeAtStart = queued.GetProperty("queue").GetProperty("position").GetInt32();
        Assert.True(placeAtStart >= 2, $"behind another queued job, yet at place {placeAtStart}");

        var places = new List<int>();
        var timeline = new List<SseEvent>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await foreach (var (evt, _) in ServerSentEvents.ReadAsync(browser, $"/api/generations/{jobId}/events", null, timeout.Token))
        {
            if (evt is null) continue;
            if (evt.Event == "queue")
            {
                places.Add(evt.Data.GetProperty("position").GetInt32());
                Assert.True(evt.Data.GetProperty("waiting").GetInt32() >= places[^1]);
                Assert.Null(evt.Id);
                // The job ahead leaves the line: everyone behind it moves up.
                if (places.Count == 1) Assert.Equal(HttpStatusCode.OK, (await browser.DeleteAsync($"/api/generations/{ahead}")).StatusCode);
                continue;
            }
            timeline.Add(evt);
            if (evt.IsTerminal()) break;
        }

        Assert.Equal(placeAtStart, places[0]);
        Assert.Contains(placeAtStart - 1, places);
        Assert.Equal(places.OrderDescending(), places);
        Assert.Equal("Completed", timeline[^1].Data.GetProperty("status").GetString());
        Assert.Contains(timeline, e => e.Data.GetProperty("status").GetString() == "Generating");
        Assert.Equal(JsonValueKind.Null, (await Jobs.WaitForTerminalAsync(browser, jobId)).GetProperty("queue").ValueKind);
        foreach (var blocker in blockers) await Jobs.WaitForTerminalAsync(browser, blocker);
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
            if (evt?.IsTerminal() == true) break;
        }
        Assert.True(heartbeats >= 1, "a stalled job's stream should carry heartbeats");
    }

    [Fact]
    public async Task A_stopping_gateway_ends_its_streams_cleanly_and_the_browser_resumes_where_it_was()
    {
        // The preview stalls, so the job is still running when the gateway goes away and comes back.
        await Meshy.SetFaultsAsync(new { stall = new { at_progress = 30, duration_ms = 8_000, count = 1 } });
        using var browser = Platform.NewBrowser();
        var jobId = await Jobs.CreateAsync(browser, new { prompt = $"a tin lantern {Guid.NewGuid():N}", enhance = false, texture = false });
        var path = $"/api/generations/{jobId}/events";

        var before = new List<SseEvent>();
        var opened = new TaskCompletionSource();
        var reading = Task.Run(async () =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await foreach (var (evt, _) in ServerSentEvents.ReadAsync(browser, path, null, timeout.Token))
            {
                if (evt?.Event != "progress") continue;
                before.Add(evt);
                opened.TrySetResult();
            }
        });
        await Task.WhenAny(opened.Task, reading).WaitAsync(TimeSpan.FromSeconds(30));
        if (!opened.Task.IsCompleted) await reading;

        IReadOnlyList<(string Id, int ProcessId)> gateway;
        using (var find = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            gateway = await ResourceInstances.FindAsync(Platform.App, "gateway", expected: 1, find.Token);
        using (var restart = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
        {
            var restarting = ResourceInstances.RestartAsync(Platform.App, gateway[0].Id, restart.Token);
            // The stream ends as a stream ends (no reset, no hang until the host's shutdown timeout) ...
            await reading.WaitAsync(TimeSpan.FromSeconds(20));
            await restarting;
        }
        Assert.False(before[^1].IsTerminal(), "the job should still have been running when the gateway stopped");

        // ... and the browser, reconnecting with the last id it saw, as an EventSource does, gets the rest and nothing twice.
        List<SseEvent> after;
        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (true)
            {
                try
                {
                    after = (await ServerSentEvents.ReadAllAsync(browser, path, lastEventId: before[^1].Id)).Timeline();
                    break;
                }
                catch (HttpRequestException) when (!patience.IsCancellationRequested)
                {
                    await Task.Delay(500, patience.Token); // the gateway is still starting
                }
            }
        }
        var ids = before.Concat(after).Select(e => int.Parse(e.Id!)).ToList();
        Assert.Equal(Enumerable.Range(1, ids.Count), ids);
        Assert.Equal("Completed", after[^1].Data.GetProperty("status").GetString());
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
        // A browser watching through the gateway, its stream open before the crash: the stream outlives the instances serving it.
        var opened = new TaskCompletionSource();
        var watching = Task.Run(async () =>
        {
            var events = new List<SseEvent>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(240));
            await foreach (var (evt, _) in ServerSentEvents.ReadAsync(browser, $"/api/generations/{jobId}/events", null, timeout.Token))
            {
                if (evt is null) continue;
                events.Add(evt);
                opened.TrySetResult();
                if (evt.IsTerminal()) break;
            }
            return events;
        });
        await Task.WhenAny(opened.Task, watching).WaitAsync(TimeSpan.FromSeconds(30));
        if (!opened.Task.IsCompleted) await watching; // its failure, if it failed

        IReadOnlyList<(string Id, int ProcessId)> instances;
        using (var find = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            instances = await ResourceInstances.FindAsync(Platform.App, "generation", expected: 2, find.Token);
        // SIGKILL to each instance's process tree: a crash, not a shutdown, so nothing releases its lease.
        foreach (var (_, pid) in instances) System.Diagnostics.Process.GetProcessById(pid).Kill(entireProcessTree: true);
        // Start them again (DCP does not always notice a killed process tree by itself, so ask it to restart).
        foreach (var (instance, _) in instances)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await ResourceInstances.RestartAsync(Platform.App, instance, timeout.Token);
        }

        var job = await Jobs.WaitForTerminalAsync(browser, jobId);

        Assert.Equal("Completed", job.GetProperty("status").GetString());
        var tasks = await Meshy.TasksForPromptAsync(prompt);
        Assert.Single(tasks, t => t.GetProperty("type").GetString() == "text-to-3d-preview");
        Assert.Single(tasks.Where(t => t.GetProperty("type").GetString() == "text-to-3d-refine").Select(t => t.GetProperty("id").GetString()).Append(job.GetProperty("refineTaskId").GetString()).Distinct());
        // One connection, the whole timeline, nothing twice: the gateway asked again with the last id it had relayed.
        var seen = (await watching).Timeline();
        Assert.Equal(Enumerable.Range(1, job.GetProperty("timeline").GetArrayLength()).Select(i => i.ToString()), seen.Select(e => e.Id));
    }
}
