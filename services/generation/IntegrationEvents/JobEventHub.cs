using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using MassTransit;
using Meshy3D.Contracts;
using Meshy3D.Generation.Apis;
using Meshy3D.Generation.Jobs;
using Meshy3D.Generation.Model;
using Meshy3D.ServiceDefaults.Streaming;

namespace Meshy3D.Generation.IntegrationEvents;

/// <summary>
/// Hands each job's live updates to the browsers watching it on this instance. Every instance receives
/// every GenerationProgressed and GenerationQueueMoved on a queue of its own (see <see cref="JobTimelineFanOut"/>),
/// so a watcher sees its job's events whichever instance follows the job.
/// </summary>
/// <remarks>
/// A watched job has one <see cref="JobFeed"/>: a short ring of its latest updates, which each watcher reads at its
/// own pace from its own position, and one signal that wakes them all. Publishing is one append however many
/// watch, and a watcher costs a position, not a queue of its own.
/// </remarks>
public sealed class JobEventHub
{
    readonly ConcurrentDictionary<Guid, JobFeed> _feeds = new();
    readonly Lock _watching = new();

    public int WatcherCount
    {
        get { lock (_watching) return _feeds.Values.Sum(f => f.Watchers); }
    }

    public Subscription Subscribe(Guid jobId)
    {
        lock (_watching)
        {
            var feed = _feeds.GetOrAdd(jobId, _ => new JobFeed());
            feed.Watchers++;
            return new Subscription(this, jobId, feed);
        }
    }

    public void Publish(GenerationProgressed progressed)
    {
        // One update (and one rendered frame) shared by every watcher of the job.
        if (_feeds.TryGetValue(progressed.JobId, out var feed)) feed.Append(JobUpdate.From(progressed));
    }

    public void Publish(GenerationQueueMoved moved)
    {
        if (_feeds.IsEmpty) return;
        for (var i = 0; i < moved.Waiting.Count; i++)
            if (_feeds.TryGetValue(moved.Waiting[i], out var feed)) feed.Append(JobUpdate.From(new QueuePlace(i + 1, moved.Waiting.Count)));
    }

    /// <summary>A heartbeat to the watchers of every job that had no update since the last call.</summary>
    public void Heartbeat()
    {
        foreach (var feed in _feeds.Values)
            if (feed.TakeQuiet()) feed.Append(JobUpdate.Heartbeat, activity: false);
    }

    void Unsubscribe(Subscription subscription)
    {
        lock (_watching)
        {
            if (--subscription.Feed.Watchers == 0) _feeds.TryRemove(KeyValuePair.Create(subscription.JobId, subscription.Feed));
        }
    }

    /// <summary>One watcher's place in its job's feed.</summary>
    public sealed class Subscription : IDisposable
    {
        readonly JobEventHub _hub;
        long _next;
        bool _disposed;

        internal Subscription(JobEventHub hub, Guid jobId, JobFeed feed)
        {
            (_hub, JobId, Feed) = (hub, jobId, feed);
            _next = feed.Count; // only what is published from now on; the stream replays the past from the database
        }

        public Guid JobId { get; }
        internal JobFeed Feed { get; }

        /// <summary>
        /// The next update, or false when there is none yet. A watcher so slow that the ring moved past its position
        /// gets <see cref="JobUpdate.Missed"/> once and goes on from the newest: it catches up from the database.
        /// </summary>
        public bool TryRead([NotNullWhen(true)] out JobUpdate? update)
        {
            var count = Feed.Count;
            if (_next >= count)
            {
                update = null;
                return false;
            }
            update = Feed.At(_next);
            if (update is null)
            {
                update = JobUpdate.Missed;
                _next = count;
                return true;
            }
            _next++;
            return true;
        }

        /// <summary>Completes when there may be something new to read (at once if there already is).</summary>
        public Task WaitAsync(CancellationToken cancellationToken)
        {
            // Take the signal before looking at the count: an append after the look completes this very signal.
            var appended = Feed.Appended;
            return _next < Feed.Count ? Task.CompletedTask : appended.WaitAsync(cancellationToken);
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _hub.Unsubscribe(this);
        }
    }
}

/// <summary>
/// A job's latest updates for its watchers on this instance: appended under a lock (publishers are few), read without
/// one (watchers are many). Each slot carries its index, so a reader that was lapped notices instead of reading a newer update.
/// </summary>
sealed class JobFeed
{
    public const int Capacity = 64;

    sealed record Slot(long Index, JobUpdate Update);

    readonly Slot?[] _ring = new Slot?[Capacity];
    readonly Lock _appending = new();
    readonly ChangeSignal _appended = new();
    long _count;
    int _active;

    /// <summary>How many subscriptions read this feed; guarded by the hub.</summary>
    public int Watchers { get; set; }

    public long Count => Volatile.Read(ref _count);

    /// <summary>Completes on the next append.</summary>
    public Task Appended => _appended.Next;

    public void Append(JobUpdate update, bool activity = true)
    {
        lock (_appending)
        {
            var index = _count;
            Volatile.Write(ref _ring[index % Capacity], new Slot(index, update));
            Volatile.Write(ref _count, index + 1);
        }
        if (activity) Volatile.Write(ref _active, 1);
        _appended.Raise();
    }

    /// <summary>The update at an index below <see cref="Count"/>, or null when it has already been overwritten.</summary>
    public JobUpdate? At(long index) =>
        Volatile.Read(ref _ring[index % Capacity]) is { } slot && slot.Index == index ? slot.Update : null;

    /// <summary>True when nothing was appended since the last call.</summary>
    public bool TakeQuiet() => Interlocked.Exchange(ref _active, 0) == 0;
}

/// <summary>One live update for a job's watchers: a timeline entry, a new place in line, or a heartbeat, with its SSE frame rendered once.</summary>
public sealed class JobUpdate
{
    byte[]? _frame;

    JobUpdate(TimelineEntry? entry, QueuePlace? place) => (Entry, Place) = (entry, place);

    public TimelineEntry? Entry { get; }
    public QueuePlace? Place { get; }

    /// <summary>A comment that keeps a quiet stream open.</summary>
    public static JobUpdate Heartbeat { get; } = new(null, null) { _frame = JobEventFrames.Heartbeat.ToArray() };

    /// <summary>Not an update: the watcher fell behind and updates were lost to it.</summary>
    public static JobUpdate Missed { get; } = new(null, null) { _frame = [] };

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
