using System.Text.Json;
using Meshy3D.Emulators.OpenAI.Model;

namespace Meshy3D.Emulators.OpenAI.Apis;

/// <summary>The 400s of the real endpoint that a client is likely to trigger, with OpenAI's messages, params and codes.</summary>
internal static class ChatCompletionRequestValidator
{
    private static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool", "function"];

    public static IResult? Validate(ChatCompletionRequest request, OpenAIEmulatorOptions options)
    {
        if (string.IsNullOrWhiteSpace(request.Model))
            return OpenAIErrors.BadRequest("you must provide a model parameter", "model", "missing_required_parameter");
        if (request.Messages is null)
            return OpenAIErrors.BadRequest("Missing required parameter: 'messages'.", "messages", "missing_required_parameter");
        if (request.Messages.Count == 0)
            return OpenAIErrors.BadRequest("[] is too short - 'messages'", "messages", "empty_array");

        for (var i = 0; i < request.Messages.Count; i++)
        {
            var message = request.Messages[i];
            if (message.Role is null)
                return OpenAIErrors.BadRequest($"Missing required parameter: 'messages[{i}].role'.", $"messages[{i}].role", "missing_required_parameter");
            if (!Roles.Contains(message.Role))
                return OpenAIErrors.BadRequest(
                    $"Invalid value: '{message.Role}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.",
                    $"messages[{i}].role", "invalid_value");
            var kind = message.Content.ValueKind;
            var contentAllowed = kind is JsonValueKind.String or JsonValueKind.Array
                || kind is JsonValueKind.Null or JsonValueKind.Undefined && message.Role is "assistant";
            if (!contentAllowed)
                return OpenAIErrors.BadRequest(
                    $"Invalid type for 'messages[{i}].content': expected one of a string or an array of objects, but got {Describe(kind)} instead.",
                    $"messages[{i}].content", "invalid_type");
        }

        if (!request.Messages.Any(m => m.Role == "user"))
            return OpenAIErrors.BadRequest("The emulator needs at least one 'user' message to enhance.", "messages", "invalid_value");
        if (request.N is { } n && (n < 1 || n > options.MaxVariants))
            return OpenAIErrors.BadRequest($"Invalid 'n': expected a value between 1 and {options.MaxVariants}, but got {n} instead.", "n", "invalid_value");
        if (request.Temperature is { } t && (t < 0 || t > 2))
            return OpenAIErrors.BadRequest($"Invalid 'temperature': expected a decimal between 0 and 2, but got {t} instead.", "temperature",
                t < 0 ? "decimal_below_min_value" : "decimal_above_max_value");
        if (request.MaxTokens is < 1 || request.MaxCompletionTokens is < 1)
            return OpenAIErrors.BadRequest("Invalid 'max_tokens': integer below minimum value. Expected a value >= 1.",
                request.MaxTokens is < 1 ? "max_tokens" : "max_completion_tokens", "integer_below_min_value");
        if (request.StreamOptions is not null && request.Stream != true)
            return OpenAIErrors.BadRequest("The 'stream_options' parameter is only allowed when 'stream' is enabled.", "stream_options", "invalid_value");

        return ValidateResponseFormat(request);
    }

    private static IResult? ValidateResponseFormat(ChatCompletionRequest request)
    {
        var format = request.ResponseFormat;
        if (format is null)
            return null;

        switch (format.Type)
        {
            case null:
                return OpenAIErrors.BadRequest("Missing required parameter: 'response_format.type'.", "response_format.type", "missing_required_parameter");
            case "text":
                return null;
            case "json_object":
                // The real API insists on this, to stop models emitting whitespace forever; a client bug worth catching offline.
                var mentionsJson = request.Messages!.Any(m => Prompting.Conversation.TextOf(m.Content).Contains("json", StringComparison.OrdinalIgnoreCase));
                return mentionsJson ? null : OpenAIErrors.BadRequest(
                    "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", "messages");
            case "json_schema":
                var schema = format.JsonSchema;
                if (schema is null)
                    return OpenAIErrors.BadRequest("Missing required parameter: 'response_format.json_schema'.", "response_format.json_schema", "missing_required_parameter");
                if (string.IsNullOrWhiteSpace(schema.Name))
                    return OpenAIErrors.BadRequest("Missing required parameter: 'response_format.json_schema.name'.", "response_format.json_schema.name", "missing_required_parameter");
                if (schema.Schema.ValueKind != JsonValueKind.Object)
                    return OpenAIErrors.BadRequest($"Invalid schema for response_format '{schema.Name}': schema must be a JSON object.", "response_format", "invalid_json_schema");
                if (schema.Schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() != "object")
                    return OpenAIErrors.BadRequest(
                        $"Invalid schema for response_format '{schema.Name}': schema must be a JSON Schema of 'type: \"object\"', got 'type: \"{type.GetString()}\"'.",
                        "response_format", "invalid_json_schema");
                return null;
            default:
                return OpenAIErrors.BadRequest(
                    $"Invalid value: '{format.Type}'. Supported values are: 'json_object', 'json_schema', and 'text'.", "response_format.type", "invalid_value");
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
