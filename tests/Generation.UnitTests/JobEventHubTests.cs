using System.Text;
using System.Text.Json;
using Meshy3D.Contracts;
using Meshy3D.Generation.Apis;
using Meshy3D.Generation.IntegrationEvents;
using Meshy3D.Generation.Jobs;

namespace Meshy3D.Generation.UnitTests;

public sealed class JobEventHubTests
{
    static GenerationProgressed Progressed(Guid jobId, int sequence, string status = "Generating") =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, jobId, "preview", sequence * 10, status, $"step {sequence}", sequence);

    static List<JobUpdate> Drain(JobEventHub.Subscription subscription)
    {
        var updates = new List<JobUpdate>();
        while (subscription.TryRead(out var update)) updates.Add(update);
        return updates;
    }

    [Fact]
    public void A_timeline_event_reaches_every_watcher_of_its_job_and_no_other()
    {
        var hub = new JobEventHub();
        var jobId = Guid.NewGuid();
        using var first = hub.Subscribe(jobId);
        using var second = hub.Subscribe(jobId);
        using var other = hub.Subscribe(Guid.NewGuid());

        hub.Publish(Progressed(jobId, 1));

        Assert.True(first.TryRead(out var a));
        Assert.True(second.TryRead(out var b));
        Assert.False(other.TryRead(out _));
        Assert.Equal(1, a.Entry!.Sequence);
        // One update, rendered once, for all of the job's watchers.
        Assert.Same(a, b);
        Assert.True(a.Frame.Span.SequenceEqual(b.Frame.Span));
        Assert.False(first.TryRead(out _));
    }

    [Fact]
    public void A_watcher_gets_only_what_was_published_after_it_subscribed_in_order()
    {
        var hub = new JobEventHub();
        var jobId = Guid.NewGuid();
        using var early = hub.Subscribe(jobId);
        hub.Publish(Progressed(jobId, 1));
        using var late = hub.Subscribe(jobId);
        hub.Publish(Progressed(jobId, 2));
        hub.Publish(Progressed(jobId, 3));

        Assert.Equal([1, 2, 3], Drain(early).Select(u => u.Entry!.Sequence));
        Assert.Equal([2, 3], Drain(late).Select(u => u.Entry!.Sequence));
    }

    [Fact]
    public async Task A_waiting_watcher_wakes_on_the_next_update()
    {
        var hub = new JobEventHub();
        var jobId = Guid.NewGuid();
        using var watcher = hub.Subscribe(jobId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var waiting = watcher.WaitAsync(timeout.Token);
        Assert.False(waiting.IsCompleted);
        hub.Publish(Progressed(Guid.NewGuid(), 1)); // another job's event wakes nobody here
        Assert.False(waiting.IsCompleted);
        hub.Publish(Progressed(jobId, 1));
        await waiting;
        Assert.True(watcher.TryRead(out var update));
        Assert.Equal(1, update.Entry!.Sequence);

        // Something already unread: no wait at all.
        hub.Publish(Progressed(jobId, 2));
        Assert.True(watcher.WaitAsync(timeout.Token).IsCompleted);
    }

    [Fact]
    public async Task Many_watchers_waiting_at_once_all_see_every_update()
    {
        var hub = new JobEventHub();
        var jobId = Guid.NewGuid();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var subscriptions = Enumerable.Range(0, 200).Select(_ => hub.Subscribe(jobId)).ToList();
        var watchers = subscriptions.Select(async subscription =>
        {
            var seen = new List<int>();
            while (seen.Count == 0 || seen[^1] < 50)
            {
                await subscription.WaitAsync(timeout.Token);
                while (subscription.TryRead(out var update)) seen.Add(update.Entry!.Sequence);
            }
            return seen;
        }).ToList();

        for (var sequence = 1; sequence <= 50; sequence++)
        {
            hub.Publish(Progressed(jobId, sequence));
            if (sequence % 10 == 0) await Task.Yield();
        }

        foreach (var seen in await Task.WhenAll(watchers)) Assert.Equal(Enumerable.Range(1, 50), seen);
        subscriptions.ForEach(s => s.Dispose());
        Assert.Equal(0, hub.WatcherCount);
    }

    [Fact]
    public void A_moved_line_tells_each_waiting_jobs_watchers_their_place()
    {
        var hub = new JobEventHub();
        var (ahead, behind, running) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        using var watchingBehind = hub.Subscribe(behind);
        using var watchingRunning = hub.Subscribe(running);

        hub.Publish(new GenerationQueueMoved(Guid.NewGuid(), DateTimeOffset.UtcNow, [ahead, behind]));

        Assert.True(watchingBehind.TryRead(out var update));
        Assert.Equal(new QueuePlace(2, 2), update.Place);
        Assert.Null(update.Entry);
        Assert.False(watchingRunning.TryRead(out _));
    }

    [Fact]
    public void Unsubscribed_watchers_get_nothing_more()
    {
        var hub = new JobEventHub();
        var jobId = Guid.NewGuid();
        var subscription = hub.Subscribe(jobId);
        Assert.Equal(1, hub.WatcherCount);
        subscription.Dispose();
        subscription.Dispose();
        Assert.Equal(0, hub.WatcherCount);
        hub.Publish(Progressed(jobId, 1));
        Assert.False(subscription.TryRead(out _));
    }

    [Fact]
    public void A_slow_watcher_is_told_once_that_it_missed_updates_and_goes_on_from_the_newest()
    {
        var hub = new JobEventHub();
        var jobId = Guid.NewGuid();
        using var slow = hub.Subscribe(jobId);
        using var keepingUp = hub.Subscribe(jobId);
        for (var sequence = 1; sequence <= 100; sequence++)
        {
            hub.Publish(Progressed(jobId, sequence));
            Assert.True(keepingUp.TryRead(out var update));
            Assert.Equal(sequence, update.Entry!.Sequence);
        }

        // The ring moved past it: the stream replays the gap from the database, then follows live again.
        Assert.Equal([JobUpdate.Missed], Drain(slow));
        hub.Publish(Progressed(jobId, 101));
        Assert.Equal([101], Drain(slow).Select(u => u.Entry!.Sequence));
    }

    [Fact]
    public void Heartbeats_go_only_to_jobs_that_were_quiet_since_the_last_one()
    {
        var hub = new JobEventHub();
        var (busy, quiet) = (Guid.NewGuid(), Guid.NewGuid());
        using var watchingBusy = hub.Subscribe(busy);
        using var watchingQuiet = hub.Subscribe(quiet);
        hub.Publish(Progressed(busy, 1));

        hub.Heartbeat();
        Assert.Equal([1], Drain(watchingBusy).Select(u => u.Entry!.Sequence));
        Assert.Equal([JobUpdate.Heartbeat], Drain(watchingQuiet));
        Assert.Equal(": heartbeat\n\n", Encoding.UTF8.GetString(JobUpdate.Heartbeat.Frame.Span));

        // A heartbeat is not activity: a job quiet for another interval gets another one, and so does the one gone quiet.
        hub.Heartbeat();
        Assert.Equal([JobUpdate.Heartbeat], Drain(watchingBusy));
        Assert.Equal([JobUpdate.Heartbeat], Drain(watchingQuiet));
    }
}

public sealed class JobEventFramesTests
{
    static (string? Id, string Event, JsonElement Data) Parse(ReadOnlySpan<byte> frame)
    {
        var text = Encoding.UTF8.GetString(frame);
        Assert.EndsWith("\n\n", text);
        string? id = null, name = null, data = null;
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            if (line.StartsWith("id: ")) id = line[4..];
            else if (line.StartsWith("event: ")) name = line[7..];
            else if (line.StartsWith("data: ")) data = line[6..];
            else Assert.Fail($"unexpected line {line}");
        }
        return (id, name!, JsonDocument.Parse(data!).RootElement);
    }

    [Fact]
    public void A_progress_frame_carries_the_sequence_as_its_id_and_the_entry_as_json()
    {
        var frame = JobEventFrames.Progress(new Model.TimelineEntry(7, DateTimeOffset.UtcNow, "refine", "Completed", 100, "line one\nline two"));
        var (id, name, data) = Parse(frame);
        Assert.Equal("7", id);
        Assert.Equal("progress", name);
        Assert.Equal("refine", data.GetProperty("stage").GetString());
        Assert.True(data.GetProperty("isTerminal").GetBoolean());
        // A newline in a message must not break the frame: JSON escapes it.
        Assert.Equal("line one\nline two", data.GetProperty("message").GetString());
    }

    [Fact]
    public void A_queue_frame_has_no_id_so_Last_Event_ID_stays_on_the_timeline()
    {
        var (id, name, data) = Parse(JobEventFrames.Queue(new QueuePlace(3, 12)));
        Assert.Null(id);
        Assert.Equal("queue", name);
        Assert.Equal(3, data.GetProperty("position").GetInt32());
        Assert.Equal(12, data.GetProperty("waiting").GetInt32());
    }
}
