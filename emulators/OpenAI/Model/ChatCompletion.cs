using System.Text.Json.Serialization;

namespace Meshy3D.Emulators.OpenAI.Model;

public sealed class ChatCompletion
{
    public required string Id { get; init; }
    public string Object { get; init; } = "chat.completion";
    public required long Created { get; init; }
    public required string Model { get; init; }
    public required IReadOnlyList<ChatChoice> Choices { get; init; }
    public required Usage Usage { get; init; }
    public string ServiceTier { get; init; } = "default";
    public string SystemFingerprint { get; init; } = OpenAIWire.SystemFingerprint;
}

public sealed class ChatChoice
{
    public required int Index { get; init; }
    public required AssistantMessage Message { get; init; }
    public object? Logprobs { get; init; }
    public required string FinishReason { get; init; }
}

public sealed class AssistantMessage
{
    public string Role { get; init; } = "assistant";
    public required string? Content { get; init; }

    // Always written (as null): the SDK reads it to tell refusals from answers.
    public string? Refusal { get; init; }
}

public sealed class Usage
{
    public required int PromptTokens { get; init; }
    public required int CompletionTokens { get; init; }
    public int TotalTokens => PromptTokens + CompletionTokens;
}

public sealed class ChatCompletionChunk
{
    public required string Id { get; init; }
    public string Object { get; init; } = "chat.completion.chunk";
    public required long Created { get; init; }
    public required string Model { get; init; }
    public string SystemFingerprint { get; init; } = OpenAIWire.SystemFingerprint;
    public required IReadOnlyList<ChunkChoice> Choices { get; init; }

    // Real streams carry "usage": null on every chunk but the last when include_usage is set.
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public Usage? Usage { get; init; }
}

public sealed class ChunkChoice
{
    public required int Index { get; init; }
    public required ChunkDelta Delta { get; init; }
    public object? Logprobs { get; init; }
    public string? FinishReason { get; init; }
}

public sealed class ChunkDelta
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Role { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Content { get; init; }
}
