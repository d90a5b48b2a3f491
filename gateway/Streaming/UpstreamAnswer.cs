namespace Meshy3D.Gateway.Streaming;

/// <summary>The generation service's first answer to a relay: a stream, or a response to pass on as it is.</summary>
public sealed record UpstreamAnswer(int StatusCode, string? ContentType = null, byte[]? Body = null)
{
    public static readonly UpstreamAnswer Stream = new(StatusCodes.Status200OK);
    public static readonly UpstreamAnswer BadGateway = new(StatusCodes.Status502BadGateway);

    public bool IsStream => StatusCode == StatusCodes.Status200OK;

    public static async Task<UpstreamAnswer> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        new((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsByteArrayAsync(cancellationToken));

    public async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCode;
        if (ContentType is not null) response.ContentType = ContentType;
        if (Body is { Length: > 0 }) await response.Body.WriteAsync(Body, cancellationToken);
    }
}
