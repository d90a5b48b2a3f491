using System.Net.Http.Headers;
using System.Text.Json;

namespace Meshy3D.Generation.Infrastructure.Meshy;

public enum MeshyErrorKind { BadRequest, Unauthorized, PaymentRequired, Forbidden, NotFound, RateLimited, QueueFull, ServerError, Timeout, Network, Malformed }

/// <summary>What went wrong talking to Meshy, typed so callers decide without reading status codes.</summary>
public sealed class MeshyApiException(
    MeshyErrorKind kind,
    string message,
    int? statusCode = null,
    string? meshyMessage = null,
    TimeSpan? retryAfter = null,
    bool mayHaveCreatedTask = false,
    Exception? innerException = null) : Exception(message, innerException)
{
    public MeshyErrorKind Kind { get; } = kind;

    public int? StatusCode { get; } = statusCode;

    /// <summary>From a 429's Retry-After header, when Meshy sends one (it is not documented).</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>Meshy's own <c>message</c>, e.g. "Invalid API key" or "NoMoreConcurrentTasks".</summary>
    public string? MeshyMessage { get; } = meshyMessage;

    /// <summary>Worth trying again later. A full queue is not: it clears only when a task finishes.</summary>
    public bool IsTransient => Kind is MeshyErrorKind.RateLimited or MeshyErrorKind.ServerError or MeshyErrorKind.Timeout or MeshyErrorKind.Network;

    /// <summary>
    /// A create whose outcome is unknown (timeout, network failure or 5xx after the request went out, or an
    /// unreadable success): look the task up before creating it again, or it may be made (and paid for) twice.
    /// </summary>
    public bool MayHaveCreatedTask { get; } = mayHaveCreatedTask;

    /// <summary>Maps an unsuccessful response; the body is read for Meshy's <c>{"message"}</c>.</summary>
    internal static async Task<MeshyApiException> FromResponseAsync(HttpResponseMessage response, string operation, bool isCreate, TimeProvider time, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            body = "";
        }
        var status = (int)response.StatusCode;
        var message = ReadMessage(body);
        var retryAfter = ReadRetryAfter(response.Headers.RetryAfter, time);
        var kind = FromStatus(status, message);
        // A 5xx may come from a proxy after Meshy accepted the task.
        return new MeshyApiException(kind, $"Meshy {operation} answered {status}{(message is null ? "" : $": {message}")}.",
            status, message, retryAfter, mayHaveCreatedTask: isCreate && kind == MeshyErrorKind.ServerError);
    }

    internal static MeshyErrorKind FromStatus(int status, string? message) => status switch
    {
        400 or 422 => MeshyErrorKind.BadRequest,
        401 => MeshyErrorKind.Unauthorized,
        402 => MeshyErrorKind.PaymentRequired,
        403 => MeshyErrorKind.Forbidden,
        404 or 410 => MeshyErrorKind.NotFound,
        408 => MeshyErrorKind.Timeout,
        429 when message is not null && (message.Contains("NoMoreConcurrentTasks", StringComparison.OrdinalIgnoreCase)
                                         || message.Contains("NoMorePendingTasks", StringComparison.OrdinalIgnoreCase)) => MeshyErrorKind.QueueFull,
        429 => MeshyErrorKind.RateLimited,
        >= 500 => MeshyErrorKind.ServerError,
        // Other 4xx: our request was wrong in a way Meshy does not document.
        _ => MeshyErrorKind.BadRequest,
    };

    /// <summary>Meshy's error body is <c>{"message": "…"}</c>; anything else (an HTML proxy page) gives null.</summary>
    internal static string? ReadMessage(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement is { ValueKind: JsonValueKind.Object } root
                   && root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Retry-After as delta-seconds or an HTTP date; a date in the past means "now".</summary>
    internal static TimeSpan? ReadRetryAfter(RetryConditionHeaderValue? header, TimeProvider time) => header switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>
    /// Whether a create that failed in transport may still have reached Meshy: only a failure to connect
    /// (DNS, refused, TLS) proves the request never left.
    /// </summary>
    internal static bool MayHaveBeenSent(HttpRequestException exception) => exception.HttpRequestError is not
        (HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError);
}
