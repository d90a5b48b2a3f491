using Meshy3D.Emulators.OpenAI.Model;

namespace Meshy3D.Emulators.OpenAI.Apis;

/// <summary>Errors worded and shaped like OpenAI's, so client code paths (and the SDK's exception mapping) are exercised for real.</summary>
internal static class OpenAIErrors
{
    public static IResult Result(int status, string message, string type, string? param = null, string? code = null) =>
        TypedResults.Json(new OpenAIErrorEnvelope(new OpenAIError(message, type, param, code)), OpenAIWire.SerializerOptions, statusCode: status);

    public static IResult BadRequest(string message, string? param = null, string? code = null) =>
        Result(StatusCodes.Status400BadRequest, message, "invalid_request_error", param, code);

    public static IResult MissingKey() => Result(StatusCodes.Status401Unauthorized,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        "invalid_request_error");

    public static IResult InvalidKey(string key) => Result(StatusCodes.Status401Unauthorized,
        $"Incorrect API key provided: {Mask(key)}. The emulator accepts the keys in OpenAIEmulator:ApiKeys and keys starting with OpenAIEmulator:ApiKeyPrefix.",
        "invalid_request_error", code: "invalid_api_key");

    public static IResult ModelNotFound(string model) => Result(StatusCodes.Status404NotFound,
        $"The model `{model}` does not exist or you do not have access to it.", "invalid_request_error", code: "model_not_found");

    public static IResult RateLimited(HttpContext context, string model, int retryAfterSeconds)
    {
        // The SDK's retry policy honours retry-after-ms before Retry-After, as with the real API.
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString();
        context.Response.Headers["retry-after-ms"] = (retryAfterSeconds * 1000).ToString();
        context.Response.Headers["x-ratelimit-limit-requests"] = "500";
        context.Response.Headers["x-ratelimit-remaining-requests"] = "0";
        context.Response.Headers["x-ratelimit-reset-requests"] = $"{retryAfterSeconds}s";
        return Result(StatusCodes.Status429TooManyRequests,
            $"Rate limit reached for {model} in organization org-emulator on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in {retryAfterSeconds}s.",
            "requests", code: "rate_limit_exceeded");
    }

    public static IResult ServerError(int status = StatusCodes.Status500InternalServerError) => Result(status,
        "The server had an error while processing your request. Sorry about that!", "server_error");

    private static string Mask(string key) => key.Length <= 8 ? "***" : $"{key[..3]}***{key[^4..]}";
}
