using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Meshy3D.Emulators.OpenAI.Model;

/// <summary>
/// JSON settings of OpenAI's wire format. Kept apart from the app-wide (camelCase) options so the
/// admin API can stay idiomatic ASP.NET while the OpenAI surface stays snake_case.
/// </summary>
public static class OpenAIWire
{
    public const string SystemFingerprint = "fp_meshy3d_emulator";

    public static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Hangul is written as-is, like the real API, so raw bodies stay readable in logs.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
