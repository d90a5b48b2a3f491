using Meshy3D.Gateway.Identity;
using Meshy3D.Gateway.Streaming;
using Meshy3D.ServiceDefaults.Streaming;

namespace Meshy3D.Gateway.Apis;

/// <summary>
/// GET /api/generations/{id}/events, served by the gateway rather than proxied: every browser of a caller watching a
/// job shares one stream from the generation service (<see cref="JobStreamRelay"/>), so a thousand watchers cost the
/// service one connection and each event one write. What a browser gets is what the service would have sent it:
/// the timeline after its Last-Event-ID, the current place in line, live events and heartbeats, 204 after the end.
/// </summary>
public static class JobEventsApi
{
    public static IEndpointRouteBuilder MapJobEventsApi(this IEndpointRouteBuilder app)
    {
        // Every /api request has a caller by now (AnonymousCallers), as the services require.
        app.MapGet("/api/generations/{id:guid}/events", WatchJob);
        return app;
    }

    static async Task WatchJob(Guid id, HttpContext http, JobStreamRelays relays, CancellationToken cancellationToken)
    {
        using var watch = relays.Join(id, Caller.Of(http.User));
        var relay = watch.Relay;
        var answer = await relay.Opened.WaitAsync(cancellationToken);
        var response = http.Response;
        if (!answer.IsStream)
        {
            await answer.WriteAsync(response, cancellationToken);
            return;
        }

        var lastSent = http.Request.LastEventId();
        // Until the relay has caught up with the job, it cannot tell a browser that saw lastSent whether anything is left for it.
        await relay.WaitUntilAsync(r => r.IsLive || r.HasEnded || r.LastId > lastSent, cancellationToken);
        if (relay.IsOver && relay.LastId <= lastSent)
        {
            response.StatusCode = StatusCodes.Status204NoContent; // the job is over: an EventSource stops reconnecting
            return;
        }
        // A relay that ended otherwise (this gateway is stopping) still answers with a stream, which simply ends: any
        // status but 200 or 204 would make an EventSource give up, while an ended stream makes it reconnect.

        response.StartEventStream();
        // Catching up sends the timeline after lastSent and the current state; heartbeats and superseded places are past.
        var (caughtUp, latestState) = relay.Snapshot();
        for (var position = 0; ; position++)
        {
            if (position >= relay.Count)
            {
                await relay.WaitUntilAsync(r => position < r.Count || r.HasEnded, cancellationToken);
                if (position >= relay.Count) return; // the relay ended (its last frames appended before), and all went out
            }
            var frame = relay[position];
            var live = position >= caughtUp;
            var send = frame.Kind switch
            {
                SseFrameKind.History => frame.Id > lastSent,
                SseFrameKind.State => live || position == latestState,
                SseFrameKind.Comment => live,
                _ => position == 0,
            };
            if (!send) continue;
            await response.SendAsync(frame.Bytes, cancellationToken);
            if (frame.Kind == SseFrameKind.History) lastSent = frame.Id;
        }
    }
}
