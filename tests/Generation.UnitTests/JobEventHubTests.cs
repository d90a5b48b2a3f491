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

    [Fact]
    public void A_timeline_event_reaches_every_watcher_of_its_job_and_no_other()
    {
        var hub = new JobEventHub();
        var jobId = Guid.NewGuid();
        using var first = hub.Subscribe(jobId);
        using var second = hub.Subscribe(jobId);
        using var other = hub.Subscribe(Guid.NewGuid());

        hub.Publish(Progressed(jobId, 1));

        Assert.True(first.Updates.TryRead(out var a));
        Assert.True(second.Updates.TryRead(out var b));
        Assert.False(other.Updates.TryRead(out _));
        Assert.Equal(1, a!.Entry!.Sequence);
        // One update, rendered once, for all of the job's watchers.
        Assert.Same(a, b);
        Assert.True(a.Frame.Span.SequenceEqual(b!.Frame.Span));
    }

    [Fact]
    public void A_moved_line_tells_each_waiting_jobs_watchers_their_place()
    {
        var hub = new JobEventHub();
        var (ahead, behind, running) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        using var watchingBehind = hub.Subscribe(behind);
        using var watchingRunning = hub.Subscribe(running);

        hub.Publish(new GenerationQueueMoved(Guid.NewGuid(), DateTimeOffset.UtcNow, [ahead, behind]));

        Assert.True(watchingBehind.Updates.TryRead(out var update));
        Assert.Equal(new QueuePlace(2, 2), update!.Place);
        Assert.Null(update.Entry);
        Assert.False(watchingRunning.Updates.TryRead(out _));
    }

    [Fact]
    public void Unsubscribed_watchers_get_nothing_more()
    {
        var hub = new JobEventHub();
        var jobId = Guid.NewGuid();
        var subscription = hub.Subscribe(jobId);
        Assert.Equal(1, hub.WatcherCount);
        subscription.Dispose();
        Assert.Equal(0, hub.WatcherCount);
        hub.Publish(Progressed(jobId, 1));
        Assert.False(subscription.Updates.TryRead(out _));
    }

    [Fact]
    public void A_slow_watcher_keeps_the_newest_updates()
    {
        var hub = new JobEventHub();
        var jobId = Guid.NewGuid();
        using var slow = hub.Subscribe(jobId);
        for (var sequence = 1; sequence <= 100; sequence++) hub.Publish(Progressed(jobId, sequence));

        var kept = new List<int>();
        while (slow.Updates.TryRead(out var update)) kept.Add(update.Entry!.Sequence);
        // The oldest were dropped; the stream sees the gap (37 after 0) and replays it from the database.
        Assert.Equal(Enumerable.Range(37, 64), kept);
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
