using System.Text.Json;

namespace Meshy3D.Emulators.OpenAI.Model;

/// <summary>
/// The subset of POST /v1/chat/completions that the emulator reads. Unknown fields
/// (tools, logprobs, user, …) are accepted and ignored, as the real API does for
/// parameters that do not change a plain text answer.
/// </summary>
public sealed class ChatCompletionRequest
{
    public string? Model { get; init; }
    public List<ChatMessage>? Messages { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public int? N { get; init; }
    public bool? Stream { get; init; }
    public StreamOptions? StreamOptions { get; init; }
    public ResponseFormat? ResponseFormat { get; init; }
    public int? MaxTokens { get; init; }
    public int? MaxCompletionTokens { get; init; }
    public long? Seed { get; init; }
}

public sealed class ChatMessage
{
    public string? Role { get; init; }

    /// <summary>A string, an array of content parts, or null (assistant turns with tool calls).</summary>
    public JsonElement Content { get; init; }

    public string? Name { get; init; }
}

public sealed class StreamOptions
{
    public bool? IncludeUsage { get; init; }
}

public sealed class ResponseFormat
{
    public string? Type { get; init; }
    public JsonSchemaFormat? JsonSchema { get; init; }
}

public sealed class JsonSchemaFormat
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public JsonElement Schema { get; init; }
    public bool? Strict { get; init; }
}
