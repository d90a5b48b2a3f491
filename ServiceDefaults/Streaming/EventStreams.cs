using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Microsoft.AspNetCore.Http;

/// <summary>Server-Sent Events as the job stream speaks them, wherever it is served (the generation service, the gateway's relay).</summary>
public static class EventStreams
{
    /// <summary>The last event id a reconnecting browser saw (its Last-Event-ID header, or ?lastEventId=), 0 when none.</summary>
    public static int LastEventId(this HttpRequest request)
    {
        var header = request.Headers["Last-Event-ID"].FirstOrDefault() ?? request.Query["lastEventId"].FirstOrDefault();
        return int.TryParse(header, out var sequence) && sequence > 0 ? sequence : 0;
    }

    /// <summary>Starts a text/event-stream response that nothing between here and the browser may buffer or cache.</summary>
    public static void StartEventStream(this HttpResponse response)
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    /// <summary>The comment that ends a job stream's replay when the job is not over: what follows is live.</summary>
    public const string LiveComment = "live";

    /// <summary>
    /// <see cref="LiveComment"/> as a frame (browsers ignore comments). A relay waits for it before it can tell a
    /// reconnecting browser that there is nothing more for it (204).
    /// </summary>
    public static readonly ReadOnlyMemory<byte> LiveMarker = ": live\n\n"u8.ToArray();

    /// <summary>Writes one frame and flushes it at once.</summary>
    public static async Task SendAsync(this HttpResponse response, ReadOnlyMemory<byte> frame, CancellationToken cancellationToken) =>
        await response.BodyWriter.WriteAsync(frame, cancellationToken);
}
