using System.IO.Pipelines;
using System.Net;
using Meshy3D.Gateway.Identity;
using Meshy3D.ServiceDefaults.Identity;
using Meshy3D.ServiceDefaults.Streaming;

namespace Meshy3D.Gateway.Streaming;

/// <summary>
/// One job's stream from the generation service, relayed to every browser of the same caller that watches the job
/// through this gateway. It keeps the frames it has relayed, so a browser that joins late (or reconnects with
/// Last-Event-ID) is served from here; an event costs the generation service one write however many watch.
/// </summary>
/// <remarks>
/// The upstream is followed the way a browser follows an SSE stream: when it drops (an instance restarts, or goes
/// silent past <see cref="JobStreamOptions.IdleTimeout"/>), it is asked again with the last id after the stream's retry
/// delay, so the browsers miss nothing and never see the drop; 204 (or the job gone) ends it.
/// Frames are appended under a lock and read without one; the log lives as long as the job's browsers do.
/// </remarks>
public sealed class JobStreamRelay
{
    static readonly TimeSpan DefaultRetry = TimeSpan.FromSeconds(2);

    readonly Guid _jobId;
    readonly Caller _caller;
    readonly HttpClient _generation;
    readonly CallerTokenIssuer _tokens;
    readonly JobStreamOptions _options;
    readonly ILogger _logger;
    readonly CancellationTokenSource _stop = new();
    readonly TaskCompletionSource<UpstreamAnswer> _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly Lock _appending = new();
    SseFrame[] _frames = new SseFrame[32];
    int _count, _lastId, _latestState = -1;
    bool _live, _ended, _over;
    readonly ChangeSignal _changed = new();
    TimeSpan _retry = DefaultRetry;

    internal JobStreamRelay(Guid jobId, Caller caller, HttpClient generation, CallerTokenIssuer tokens, JobStreamOptions options, ILogger logger) =>
        (_jobId, _caller, _generation, _tokens, _options, _logger) = (jobId, caller, generation, tokens, options, logger);

    internal (Guid JobId, string CallerId) Key => (_jobId, _caller.Id);

    /// <summary>How many browsers watch through this relay; guarded by <see cref="JobStreamRelays"/>.</summary>
    internal int Watchers { get; set; }

    /// <summary>The generation service's first answer: a stream, or what to tell the browsers instead (404 for someone else's job).</summary>
    public Task<UpstreamAnswer> Opened => _opened.Task;

    public int Count => Volatile.Read(ref _count);

    /// <summary>The frame at a position below <see cref="Count"/>.</summary>
    public SseFrame this[int position] => Volatile.Read(ref _frames)[position];

    /// <summary>The id of the latest timeline event relayed.</summary>
    public int LastId => Volatile.Read(ref _lastId);

    /// <summary>The upstream has replayed the job's past and now follows it.</summary>
    public bool IsLive => Volatile.Read(ref _live);

    /// <summary>Nothing more will be appended: the job's stream is over, or the relay was stopped.</summary>
    public bool HasEnded => Volatile.Read(ref _ended);

    /// <summary>The job's stream is complete: asked again after its end, the generation service said 204 (or the job is gone).</summary>
    public bool IsOver => Volatile.Read(ref _over);

    /// <summary>Completes on the next append or change of state.</summary>
    public Task Changed => _changed.Next;

    /// <summary>Where a browser joining now stops catching up and starts following, and which state frame (if any) is current.</summary>
    public (int CaughtUp, int LatestState) Snapshot()
    {
        lock (_appending) return (_count, _latestState);
    }

    /// <summary>Completes once the condition holds, looking again after every change.</summary>
    public async Task WaitUntilAsync(Func<JobStreamRelay, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Take the signal before looking: a change after the look completes this very signal.
            var changed = Changed;
            if (condition(this)) return;
            await changed.WaitAsync(cancellationToken);
        }
    }

    internal void Start(Action<JobStreamRelay> ended)
    {
        // Not part of the first browser's request (its trace, its lifetime): the relay serves them all.
        using (ExecutionContext.SuppressFlow()) _ = Task.Run(() => FollowAsync(ended));
    }

    internal void Stop() => _stop.Cancel();

    async Task FollowAsync(Action<JobStreamRelay> ended)
    {
        var stop = _stop.Token;
        try
        {
            while (await RelayOnceAsync(stop) is var outcome && outcome != Outcome.Over)
                if (outcome == Outcome.Failed) await Task.Delay(_retry, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Relaying the stream of job {JobId} failed", _jobId);
        }
        finally
        {
            _opened.TrySetResult(UpstreamAnswer.BadGateway);
            Update(() => _ended = true);
            ended(this);
        }
    }

    enum Outcome { Over, Dropped, Failed }

    async Task<Outcome> RelayOnceAsync(CancellationToken stop)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/generations/{_jobId}/events");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Authorization = new("Bearer", _caller.Token(_tokens));
        if (LastId > 0) request.Headers.Add("Last-Event-ID", LastId.ToString());
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(stop);
        silence.CancelAfter(_options.OpenTimeout);
        try
        {
            using var response = await _generation.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, silence.Token);
            if (!Opened.IsCompleted)
            {
                var answer = response.StatusCode == HttpStatusCode.OK ? UpstreamAnswer.Stream : await UpstreamAnswer.ReadAsync(response, silence.Token);
                _opened.TrySetResult(answer);
                if (!answer.IsStream) return Outcome.Over;
            }
            // 204: the job is over and every event relayed; 404: the job is gone.
            else if (response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.NotFound)
            {
                Volatile.Write(ref _over, true);
                return Outcome.Over;
            }
            else if (response.StatusCode != HttpStatusCode.OK) return Outcome.Failed;

            silence.CancelAfter(_options.IdleTimeout);
            var reader = PipeReader.Create(await response.Content.ReadAsStreamAsync(silence.Token));
            var lastIdBefore = LastId;
            try
            {
                while (true)
                {
                    var read = await reader.ReadAsync(silence.Token);
                    var buffer = read.Buffer;
                    while (SseFrame.TryRead(ref buffer, out var frame)) Take(frame);
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    // The server ended the stream after new events: ask again at once, which tells whether the job is over (204)
                    // or the instance went away. One that ended with nothing new is asked again after the retry delay.
                    if (read.IsCompleted) return LastId > lastIdBefore ? Outcome.Dropped : Outcome.Failed;
                    silence.CancelAfter(_options.IdleTimeout);
                }
            }
            finally
            {
                await reader.CompleteAsync();
            }
        }
        catch (Exception e) when (!stop.IsCancellationRequested && e is HttpRequestException or IOException or OperationCanceledException)
        {
            if (!Opened.IsCompleted) return Outcome.Over; // the browsers get 502, as from any proxy
            _logger.LogInformation("The stream of job {JobId} dropped after event {LastId} ({Reason}); asking again", _jobId, LastId, e.Message);
            return Outcome.Failed;
        }
    }

    void Take(SseFrame frame)
    {
        switch (frame.Kind)
        {
            case SseFrameKind.Comment when frame.Comment == EventStreams.LiveComment:
                Update(() => _live = true);
                return;
            case SseFrameKind.Retry when _count > 0: // each reconnect's preamble again
                return;
            case SseFrameKind.Retry:
                _retry = TimeSpan.FromMilliseconds(frame.RetryMs!.Value);
                break;
            case SseFrameKind.History when frame.Id <= _lastId:
                return;
        }
        Update(() =>
        {
            if (_count == _frames.Length)
            {
                var grown = new SseFrame[_count * 2];
                Array.Copy(_frames, grown, _count);
                Volatile.Write(ref _frames, grown);
            }
            _frames[_count] = frame;
            if (frame.Kind == SseFrameKind.History) (_lastId, _latestState) = (frame.Id, -1);
            else if (frame.Kind == SseFrameKind.State) _latestState = _count;
            // Heartbeats and places in line come only once the upstream follows the job, should its marker be missing.
            if (frame.Kind is SseFrameKind.Comment or SseFrameKind.State) _live = true;
            Volatile.Write(ref _count, _count + 1);
        });
    }

    /// <summary>Changes the relay under its lock, then wakes everyone waiting on it.</summary>
    void Update(Action change)
    {
        lock (_appending) change();
        _changed.Raise();
    }
}
