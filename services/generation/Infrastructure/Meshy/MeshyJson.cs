using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Meshy3D.Generation.Infrastructure.Meshy;

/// <summary>Meshy's wire style: snake_case, optional fields left out rather than sent as null.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(MeshyTask))]
[JsonSerializable(typeof(List<MeshyTask>))]
[JsonSerializable(typeof(MeshyPreviewRequest))]
[JsonSerializable(typeof(MeshyRefineRequest))]
[JsonSerializable(typeof(CreateTaskResult))]
internal sealed partial class MeshyJsonContext : JsonSerializerContext;

/// <summary>The answer to a create: <c>{"result":"&lt;task id&gt;"}</c>.</summary>
internal sealed record CreateTaskResult(string? Result);

/// <summary>Meshy's status strings; anything new reads as Unknown instead of failing the whole task.</summary>
internal sealed class MeshyTaskStatusConverter : JsonConverter<MeshyTaskStatus>
{
    public override bool HandleNull => true;

    public override MeshyTaskStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return MeshyTaskStatus.Unknown;
        }
        return reader.GetString()?.ToUpperInvariant() switch
        {
            "PENDING" => MeshyTaskStatus.Pending,
            "IN_PROGRESS" => MeshyTaskStatus.InProgress,
            "SUCCEEDED" => MeshyTaskStatus.Succeeded,
            "FAILED" => MeshyTaskStatus.Failed,
            "CANCELED" or "CANCELLED" => MeshyTaskStatus.Canceled,
            _ => MeshyTaskStatus.Unknown,
        };
    }

    public override void Write(Utf8JsonWriter writer, MeshyTaskStatus value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value switch
        {
            MeshyTaskStatus.Pending => "PENDING",
            MeshyTaskStatus.InProgress => "IN_PROGRESS",
            MeshyTaskStatus.Succeeded => "SUCCEEDED",
            MeshyTaskStatus.Failed => "FAILED",
            MeshyTaskStatus.Canceled => "CANCELED",
            _ => "UNKNOWN",
        });
}

/// <summary>An optional count: a number (fractions truncated), a numeric string, or anything else as null.</summary>
internal sealed class LenientInt32Converter : JsonConverter<int?>
{
    public override bool HandleNull => true;

    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetInt32(out var whole) ? whole : (int)Math.Clamp(reader.GetDouble(), int.MinValue, int.MaxValue);
            case JsonTokenType.String when double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                return (int)Math.Clamp(parsed, int.MinValue, int.MaxValue);
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options)
    {
        if (value is { } number) writer.WriteNumberValue(number);
        else writer.WriteNullValue();
    }
}

/// <summary>Meshy's timestamps: integer milliseconds since the epoch, 0 meaning "not yet" (read as null).</summary>
internal sealed class UnixMillisecondsConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var ms) ? FromMilliseconds(ms) : FromMilliseconds((long)reader.GetDouble());
            case JsonTokenType.String:
                var text = reader.GetString();
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var textMs)) return FromMilliseconds(textMs);
                return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value?.ToUnixTimeMilliseconds() ?? 0);

    static DateTimeOffset? FromMilliseconds(long ms) =>
        ms <= 0 || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() ? null : DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
