using System.Text.Encodings.Web;
using System.Text.Json;
using Meshy3D.Emulators.OpenAI.Faults;
using Meshy3D.Emulators.OpenAI.Model;
using Microsoft.Extensions.Options;

namespace Meshy3D.Emulators.OpenAI.Prompting;

/// <summary>One choice's content and why it ended ("stop", or "length" when cut by max_tokens or a truncation fault).</summary>
public sealed record WrittenChoice(string Content, string FinishReason);

/// <summary>
/// Turns a validated chat request into the assistant's answers: plain text, or JSON matching the
/// request's response_format; content faults (empty, malformed, truncated, newlines, over-length,
/// wrong language) are applied here so streamed and plain answers break in the same way.
/// </summary>
public sealed class CompletionWriter(IOptions<OpenAIEmulatorOptions> options)
{
    private static readonly JsonSerializerOptions CompactJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public IReadOnlyList<WrittenChoice> Write(ChatCompletionRequest request, FaultKind? fault)
    {
        var settings = options.Value;
        var conversation = Conversation.From(request.Messages!);
        var language = LanguageSignals.Detect(conversation.SystemText, conversation.LastUserText, LanguageSignals.FromCode(settings.DefaultLanguage));
        var analysis = RequestAnalyzer.Analyze(conversation.LastUserText);
        var requestedCount = VariantCountHint.Find(conversation.SystemText, conversation.LastUserText);
        var composer = new ModellingPromptComposer(settings.MaxPromptLength);
        var ruleBreak = fault switch
        {
            FaultKind.Newlines => RuleBreak.Newlines,
            FaultKind.OverLength => RuleBreak.OverLength,
            FaultKind.WrongLanguage => RuleBreak.WrongLanguage,
            _ => RuleBreak.None,
        };
        var format = request.ResponseFormat?.Type ?? "text";
        var maxTokens = request.MaxCompletionTokens ?? request.MaxTokens;

        var choices = new List<WrittenChoice>();
        for (var choice = 0; choice < (request.N ?? 1); choice++)
        {
            EnhancedPrompt VariantAt(int index) => composer.Compose(analysis, language, index, ruleBreak);

            var content = format switch
            {
                "json_schema" => Json(request.ResponseFormat!.JsonSchema!.Schema),
                "json_object" => Json(JsonSchemaInstanceGenerator.DefaultSchema(variants: requestedCount > 1)),
                _ => VariantAt(choice).Text,
            };

            string Json(JsonElement schema) => new JsonSchemaInstanceGenerator(schema, new InstanceFacts
            {
                Variant = VariantAt,
                Analysis = analysis,
                Language = language,
                RequestedCount = requestedCount,
                MaxVariants = settings.MaxVariants,
                FirstVariant = choice,
            }).Generate()?.ToJsonString(CompactJson) ?? "null";

            choices.Add(Break(content, format != "text", fault, VariantAt(choice), maxTokens));
        }
        return choices;
    }

    private static WrittenChoice Break(string content, bool jsonAsked, FaultKind? fault, EnhancedPrompt prompt, int? maxTokens)
    {
        var finish = "stop";
        switch (fault)
        {
            case FaultKind.Empty:
                content = "";
                break;
            case FaultKind.Malformed:
                content = jsonAsked ? Chatter(prompt) : "{\"prompt\": \"" + prompt.Text[..(prompt.Text.Length / 2)];
                break;
            case FaultKind.TruncatedJson:
                content = content[..(content.Length / 2)];
                finish = "length";
                break;
        }

        if (maxTokens is { } limit && TokenEstimate.Of(content) > limit)
        {
            content = TokenEstimate.Truncate(content, limit);
            finish = "length";
        }
        return new WrittenChoice(content, finish);
    }

    /// <summary>What a model says when it forgets the JSON it was asked for: friendly prose around the answer.</summary>
    private static string Chatter(EnhancedPrompt prompt) => prompt.Language == PromptLanguage.English
        ? $"Sure! Here is an enhanced prompt you can use: {prompt.Text} Let me know if you want more variants."
        : $"물론이죠! 이렇게 써 보세요: {prompt.Text} 다른 버전이 필요하면 말씀해 주세요.";
}
