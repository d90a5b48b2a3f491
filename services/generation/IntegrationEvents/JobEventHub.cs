using System.Collections.Concurrent;
using System.Threading.Channels;
using MassTransit;
using Meshy3D.Contracts;

namespace Meshy3D.Generation.IntegrationEvents;

/// <summary>
/// Hands each job's timeline events to the browsers watching it on this instance. Every instance receives
/// every GenerationProgressed on a queue of its own (see <see cref="JobTimelineFanOut"/>), so a watcher sees
/// its job's events whichever instance follows the job.
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
        foreach (var watcher in watchers.Keys) watcher.Writer.TryWrite(progressed);
    }

    void Unsubscribe(Subscription subscription)
    {
        if (!_watchers.TryGetValue(subscription.JobId, out var watchers)) return;
        watchers.TryRemove(subscription, out _);
        if (watchers.IsEmpty) _watchers.TryRemove(new KeyValuePair<Guid, ConcurrentDictionary<Subscription, byte>>(subscription.JobId, watchers));
    }

    public sealed class Subscription(JobEventHub hub, Guid jobId) : IDisposable
    {
        // A slow browser loses the oldest events; the stream notices the gap in sequence numbers and replays it from the database.
        readonly Channel<GenerationProgressed> _events = Channel.CreateBounded<GenerationProgressed>(
            new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

        public Guid JobId { get; } = jobId;
        internal ChannelWriter<GenerationProgressed> Writer => _events.Writer;
        public ChannelReader<GenerationProgressed> Events => _events.Reader;

        public void Dispose() => hub.Unsubscribe(this);
    }
}

/// <summary>Feeds this instance's <see cref="JobEventHub"/>; registered on a temporary queue per instance.</summary>
public sealed class JobTimelineFanOut(JobEventHub hub) : IConsumer<GenerationProgressed>
{
    public Task Consume(ConsumeContext<GenerationProgressed> context)
    {
        hub.Publish(context.Message);
        return Task.CompletedTask;
    }
}
