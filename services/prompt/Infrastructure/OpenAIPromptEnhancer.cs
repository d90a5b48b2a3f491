using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using Meshy3D.Prompt.Model;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Chat;

namespace Meshy3D.Prompt.Infrastructure;

/// <summary>
/// The seed's enhancer on GPT-4o (or the emulator, which speaks the same wire contract). The seed's system
/// prompt is the system message and the user's text the user message, nothing else. Each answer is held to
/// <see cref="PromptRules"/>: repaired where it can be, asked for once more where it cannot, else a
/// <see cref="PromptEnhancementException"/>.
/// </summary>
public sealed class OpenAIPromptEnhancer(ChatClient chat, IOptions<OpenAIOptions> options, ILogger<OpenAIPromptEnhancer> logger)
    : IPromptEnhancer
{
    const int MaxAttempts = 2;
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Model => options.Value.Model;

    /// <summary>
    /// The SDK keeps its own transport and retry policy: the standard resilience handler that
    /// ServiceDefaults puts on factory-made HttpClients would retry on top of it and cut answers at 10 s.
    /// </summary>
    public static ChatClient CreateChatClient(OpenAIOptions settings, PipelineTransport? transport = null)
    {
        var client = new OpenAIClientOptions
        {
            RetryPolicy = new ClientRetryPolicy(settings.MaxRetries),
            NetworkTimeout = settings.Timeout,
        };
        if (settings.Endpoint is not null) client.Endpoint = settings.Endpoint;
        if (transport is not null) client.Transport = transport;
        return new ChatClient(settings.Model, new ApiKeyCredential(settings.ApiKey), client);
    }

    public async Task<EnhancementResult> EnhanceAsync(string prompt, string language, CancellationToken cancellationToken)
    {
        var (enhanced, answer) = await AskAsync(SeedSystemPrompt.For(language), prompt, new ChatCompletionOptions(), text =>
        {
            var check = PromptRules.Check(text, language);
            if (check.Passed && check.Repairs.Count > 0) logger.LogInformation("Repaired the model's answer: {Repairs}.", check.Repairs);
            return (check.Prompt, check.Violation);
        }, cancellationToken);
        return new EnhancementResult(enhanced, answer.Model, answer.InputTokens, answer.OutputTokens);
    }

    public async Task<VariantsResult> WriteVariantsAsync(string prompt, string language, int count, CancellationToken cancellationToken)
    {
        var completionOptions = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("prompt_variants", VariantsSchema(count),
                "Distinct 3D-modelling prompts, each with a one-line reason to pick it.", jsonSchemaIsStrict: true),
        };
        var (variants, answer) = await AskAsync(SeedSystemPrompt.ForVariants(language, count), prompt, completionOptions,
            text => CheckVariants(text, language, count), cancellationToken);
        return new VariantsResult(variants, answer.Model, answer.InputTokens, answer.OutputTokens);
    }

    sealed record Answer(string Model, int InputTokens, int OutputTokens);

    /// <summary>One question to the model, asked again once when the answer breaks a rule; all within the timeout.</summary>
    async Task<(T Value, Answer Answer)> AskAsync<T>(string system, string prompt, ChatCompletionOptions completionOptions,
        Func<string, (T? Value, string? Violation)> check, CancellationToken cancellationToken) where T : class
    {
        var settings = options.Value;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(settings.Timeout);
        ChatMessage[] messages = [new SystemChatMessage(system), new UserChatMessage(prompt)];
        int inputTokens = 0, outputTokens = 0;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                ChatCompletion completion = await chat.CompleteChatAsync(messages, completionOptions, budget.Token);
                inputTokens += completion.Usage?.InputTokenCount ?? 0;
                outputTokens += completion.Usage?.OutputTokenCount ?? 0;

                var (value, violation) = completion.Refusal is { Length: > 0 } refusal
                    ? (null, $"the model refused: {refusal}")
                    : check(Text(completion));
                if (value is not null) return (value, new Answer(completion.Model, inputTokens, outputTokens));

                logger.LogWarning("The model's answer broke a rule ({Violation}); attempt {Attempt} of {MaxAttempts}.", violation, attempt, MaxAttempts);
                if (attempt == MaxAttempts)
                {
                    throw new PromptEnhancementException(EnhancementFailure.UnusableAnswer,
                        $"the model's answer was unusable {MaxAttempts} times ({violation})");
                }
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PromptEnhancementException(EnhancementFailure.Unavailable,
                $"OpenAI did not answer within {settings.Timeout.TotalSeconds:0.#} s", ex);
        }
        catch (ClientResultException ex)
        {
            throw Describe(ex, settings.MaxRetries + 1);
        }
    }

    static PromptEnhancementException Describe(ClientResultException ex, int tries) => ex.Status switch
    {
        0 => new(EnhancementFailure.Unavailable, $"OpenAI could not be reached ({ex.InnerException?.Message ?? ex.Message})", ex),
        408 or 429 or >= 500 => new(EnhancementFailure.Unavailable, $"OpenAI answered HTTP {ex.Status} after {tries} tries", ex),
        // 400/401/404: our request, key or model is wrong; retrying will not help.
        _ => new(EnhancementFailure.UnusableAnswer, $"OpenAI refused the request (HTTP {ex.Status})", ex),
    };

    static string Text(ChatCompletion completion) =>
        string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));

    (IReadOnlyList<PromptVariant>? Value, string? Violation) CheckVariants(string text, string language, int count)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, "empty answer");
        VariantsAnswer? answer;
        try
        {
            answer = JsonSerializer.Deserialize<VariantsAnswer>(text, Json);
        }
        catch (JsonException)
        {
            return (null, "malformed: not the JSON asked for");
        }
        if (answer?.Variants is not { } items || items.Count < count) return (null, $"{answer?.Variants?.Count ?? 0} variants instead of {count}");

        var variants = new List<PromptVariant>(count);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items.Take(count))
        {
            var prompt = PromptRules.Check(item.Prompt, language);
            if (!prompt.Passed) return (null, $"variant {variants.Count + 1}: {prompt.Violation}");
            var rationale = PromptRules.CheckRationale(item.Rationale);
            if (!rationale.Passed) return (null, $"variant {variants.Count + 1}: {rationale.Violation}");
            if (!seen.Add(prompt.Prompt)) return (null, "variants repeat each other");
            if (prompt.Repairs.Count > 0) logger.LogInformation("Repaired variant {Variant}: {Repairs}.", variants.Count + 1, prompt.Repairs);
            variants.Add(new PromptVariant(prompt.Prompt, rationale.Prompt));
        }
        return (variants, null);
    }

    sealed record VariantsAnswer(List<VariantAnswer>? Variants);

    sealed record VariantAnswer(string? Prompt, string? Rationale);

    /// <summary>Strict structured output: exactly <paramref name="count"/> objects of prompt and rationale.</summary>
    static BinaryData VariantsSchema(int count) => BinaryData.FromString($$"""
        {
          "type": "object",
          "properties": {
            "variants": {
              "type": "array", "minItems": {{count}}, "maxItems": {{count}},
              "items": {
                "type": "object",
                "properties": { "prompt": { "type": "string" }, "rationale": { "type": "string" } },
                "required": ["prompt", "rationale"],
                "additionalProperties": false
              }
            }
          },
          "required": ["variants"],
          "additionalProperties": false
        }
        """);
}
