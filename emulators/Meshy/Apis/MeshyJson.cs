using System.Text.Json;
using System.Text.Json.Serialization;

namespace Meshy3D.Emulators.Meshy.Apis;

/// <summary>Meshy's wire style: snake_case names, absent rather than null optional fields.</summary>
public static class MeshyJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.PropertyNameCaseInsensitive = false;
        // Meshy sends '&' in signed URLs and Korean prompts as they are, not as \u escapes.
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.NumberHandling = JsonNumberHandling.Strict;
        return options;
    }

    /// <summary>Every Meshy request error has this body.</summary>
    public static IResult Error(int status, string message) =>
        Results.Json(new ErrorBody(message), Options, statusCode: status);
}

public sealed record ErrorBody(string Message);
