using Meshy3D.Emulators.Meshy.Configuration;
using Meshy3D.Emulators.Meshy.Model;
using Microsoft.Extensions.Options;

namespace Meshy3D.Emulators.Meshy.Apis;

/// <summary>Names a Meshy endpoint for the request log and for faults aimed at one operation.</summary>
public sealed record MeshyOperation(string Name);

/// <summary>
/// What stands in front of every Meshy endpoint, in Meshy's order: the key is checked (401), then
/// injected delays and errors apply, then the per-account rate limit (429).
/// </summary>
public sealed class PublicApiGate(IOptions<MeshyOptions> meshy, FaultSwitches faults, RequestRateGate rateGate)
    : IEndpointFilter
{
    public const string AccountItem = "meshy.account";

    private readonly HashSet<string> _keys = meshy.Value.AcceptedKeys().ToHashSet(StringComparer.Ordinal);

    public static string Account(HttpContext http) => (string)http.Items[AccountItem]!;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var operation = http.GetEndpoint()?.Metadata.GetMetadata<MeshyOperation>()?.Name ?? "unknown";
        var key = BearerKey(http.Request);

        if (key is null || !_keys.Contains(key)) return MeshyJson.Error(StatusCodes.Status401Unauthorized, "Invalid API key");
        http.Items[AccountItem] = key;

        var delay = faults.TakeDelay(operation);
        if (delay > TimeSpan.Zero) await Task.Delay(delay, http.RequestAborted);

        if (faults.TakeError(operation) is { } error) return MeshyJson.Error(error.Status, error.Message ?? DefaultMessage(error.Status));

        if (!rateGate.TryPass(key)) return MeshyJson.Error(StatusCodes.Status429TooManyRequests, "RateLimitExceeded");

        return await next(context);
    }

    public static string? BearerKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
    }

    private static string DefaultMessage(int status) => status switch
    {
        400 => "Bad request",
        401 => "Invalid API key",
        402 => "Insufficient credits",
        403 => "Forbidden",
        404 => "Task not found",
        429 => "RateLimitExceeded",
        502 => "Bad gateway",
        503 => "Service unavailable",
        504 => "Gateway timeout",
        _ => "Internal server error",
    };
}

public static class RequestJournalMiddleware
{
    /// <summary>
    /// Logs every Meshy call once its response is written, before the client can ask the admin API,
    /// so "how many requests were made" is exact right after a call returns.
    /// </summary>
    public static IApplicationBuilder UseMeshyRequestJournal(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var operation = http.GetEndpoint()?.Metadata.GetMetadata<MeshyOperation>()?.Name;
            try
            {
                await next(http);
            }
            finally
            {
                if (operation is not null)
                    http.RequestServices.GetRequiredService<RequestJournal>()
                        .Record(http.Request.Method, http.Request.Path.Value ?? "", operation, PublicApiGate.BearerKey(http.Request), http.Response.StatusCode);
            }
        });
}
