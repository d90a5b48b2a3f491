using System.Collections.Concurrent;
using System.Threading.Channels;
using MassTransit;
using Meshy3D.Contracts;
using Meshy3D.Generation.Apis;
using Meshy3D.Generation.Jobs;
using Meshy3D.Generation.Model;

namespace Meshy3D.Generation.IntegrationEvents;

/// <summary>
/// Hands each job's live updates to the browsers watching it on this instance. Every instance receives
/// every GenerationProgressed and GenerationQueueMoved on a queue of its own (see <see cref="JobTimelineFanOut"/>),
/// so a watcher sees its job's events whichever instance follows the job.
/// </summary>
public sealed class JobEventHub
{
    readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Subscription, byte>> _watchers = new();

    public int WatcherCount => _watchers.Values.Sum(w => w.Count);

    public Subscription Subscribe(Guid jobId)
    {
        var subscription = new Subscription(this, jobId);
        _watchers.GetOrAdd(jobId, _ => new()).TryAdd(subscription, 0);
        return subscription;
    }

    public void Publish(GenerationProgressed progressed)
    {
        if (!_watchers.TryGetValue(progressed.JobId, out var watchers)) return;
        // One update (and one rendered frame) shared by every watcher of the job.
        var update = JobUpdate.From(progressed);
        foreach (var watcher in watchers.Keys) watcher.Writer.TryWrite(update);
    }

    public void Publish(GenerationQueueMoved moved)
    {
        if (_watchers.IsEmpty) return;
        for (var i = 0; i < moved.Waiting.Count; i++)
        {
            if (!_watchers.TryGetValue(moved.Waiting[i], out var watchers)) continue;
            var update = JobUpdate.From(new QueuePlace(i + 1, moved.Waiting.Count));
            foreach (var watcher in watchers.Keys) watcher.Writer.TryWrite(update);
        }
    }

    void Unsubscribe(Subscription subscription)
    {
        if (!_watchers.TryGetValue(subscription.JobId, out var watchers)) return;
        watchers.TryRemove(subscription, out _);
        if (watchers.IsEmpty) _watchers.TryRemove(new KeyValuePair<Guid, ConcurrentDictionary<Subscription, byte>>(subscription.JobId, watchers));
    }

    public sealed class Subscription(JobEventHub hub, Guid jobId) : IDisposable
    {
        // A slow browser loses the oldest updates; the stream notices the gap in sequence numbers and replays it from the database.
        readonly Channel<JobUpdate> _updates = Channel.CreateBounded<JobUpdate>(
            new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

        public Guid JobId { get; } = jobId;
        internal ChannelWriter<JobUpdate> Writer => _updates.Writer;
        public ChannelReader<JobUpdate> Updates => _updates.Reader;

        public void Dispose() => hub.Unsubscribe(this);
    }
}

/// <summary>One live update for a job's watchers: a timeline entry or a new place in line, with its SSE frame rendered once.</summary>
public sealed class JobUpdate
{
    byte[]? _frame;

    JobUpdate(TimelineEntry? entry, QueuePlace? place) => (Entry, Place) = (entry, place);

    public TimelineEntry? Entry { get; }
    public QueuePlace? Place { get; }

    public static JobUpdate From(GenerationProgressed progressed) => new(
        new TimelineEntry(progressed.Sequence, progressed.OccurredAt, progressed.Stage, progressed.Status, progressed.Progress, progressed.Message ?? ""), null);

    public static JobUpdate From(QueuePlace place) => new(null, place);

    // Watchers may race to render it; they render the same bytes.
    public ReadOnlyMemory<byte> Frame => _frame ??= Entry is { } entry ? JobEventFrames.Progress(entry) : JobEventFrames.Queue(Place!);
}

/// <summary>Feeds this instance's <see cref="JobEventHub"/>; registered on a temporary queue per instance.</summary>
public sealed class JobTimelineFanOut(JobEventHub hub) : IConsumer<GenerationProgressed>, IConsumer<GenerationQueueMoved>
{
    public Task Consume(ConsumeContext<GenerationProgressed> context)
    {
        hub.Publish(context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<GenerationQueueMoved> context)
    {
        hub.Publish(context.Message);
        return Task.CompletedTask;
    }
}
