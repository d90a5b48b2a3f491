using System.Text.Json;
using OpenAI.Chat;

namespace Meshy3D.Emulators.OpenAI.Tests;

[Collection(EmulatorCollection.Name)]
public sealed class StructuredOutputTests(EmulatorFixture emulator) : IAsyncLifetime
{
    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The shape the prompt service asks for: strict, every property required, no extras.</summary>
    private static BinaryData VariantsSchema(int minItems = 1, int maxItems = 5) => BinaryData.FromString($$"""
        {
          "type": "object",
          "properties": {
            "variants": {
              "type": "array",
              "minItems": {{minItems}},
              "maxItems": {{maxItems}},
              "items": {
                "type": "object",
                "properties": {
                  "prompt": { "type": "string", "maxLength": 500 },
                  "rationale": { "type": "string" }
                },
                "required": ["prompt", "rationale"],
                "additionalProperties": false
              }
            }
          },
          "required": ["variants"],
          "additionalProperties": false
        }
        """);

    private static ChatCompletionOptions Structured(BinaryData schema) => new()
    {
        ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("prompt_variants", schema, jsonSchemaIsStrict: true),
    };

    private async Task<JsonElement[]> VariantsFor(string system, string user, BinaryData schema)
    {
        ChatCompletion completion = await emulator.Chat().CompleteChatAsync(
            [new SystemChatMessage(system), new UserChatMessage(user)], Structured(schema));
        using var document = JsonDocument.Parse(Texts.Of(completion));
        Assert.Equal(["variants"], document.RootElement.EnumerateObject().Select(p => p.Name));
        return document.RootElement.GetProperty("variants").EnumerateArray().Select(v => v.Clone()).ToArray();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Json_schema_variants_parse_and_are_n_distinct_Korean_prompts(int n)
    {
        var variants = await VariantsFor(EmulatorFixture.SeedSystemPrompt + $" 서로 다른 {n}개의 변형을 JSON으로 제시해.", "빨간 찻주전자", VariantsSchema());

        Assert.Equal(n, variants.Length);
        var prompts = variants.Select(v => v.GetProperty("prompt").GetString()!).ToArray();
        Assert.Equal(n, prompts.Distinct().Count());
        Assert.All(variants, v => Assert.Equal(["prompt", "rationale"], v.EnumerateObject().Select(p => p.Name)));
        Assert.All(prompts, p =>
        {
            Assert.Contains("빨간 찻주전자", p);
            Assert.DoesNotContain('\n', p);
            Assert.True(p.Length <= 500, $"{p.Length} chars");
        });
        var rationales = variants.Select(v => v.GetProperty("rationale").GetString()!).ToArray();
        Assert.All(rationales, r => Assert.False(string.IsNullOrWhiteSpace(r) || r.Contains('\n')));
        Assert.Equal(n, rationales.Distinct().Count());
    }

    [Fact]
    public async Task Count_in_the_user_message_is_honoured_in_English()
    {
        var variants = await VariantsFor(EmulatorFixture.EnglishSystemPrompt, "Give me 3 variants of: a mossy stone well", VariantsSchema());

        Assert.Equal(3, variants.Length);
        Assert.All(variants, v =>
        {
            var prompt = v.GetProperty("prompt").GetString()!;
            Assert.StartsWith("A mossy stone well", prompt);
            Assert.False(Texts.HasHangul(prompt));
        });
    }

    [Fact]
    public async Task Count_is_clamped_to_the_schemas_min_and_max_items()
    {
        var tooMany = await VariantsFor(EmulatorFixture.SeedSystemPrompt + " 5개의 변형을 JSON으로 제시해.", "나무 의자", VariantsSchema(minItems: 1, maxItems: 3));
        var tooFew = await VariantsFor(EmulatorFixture.SeedSystemPrompt + " 1개의 변형을 JSON으로 제시해.", "나무 의자", VariantsSchema(minItems: 2, maxItems: 4));

        Assert.Equal(3, tooMany.Length);
        Assert.Equal(2, tooFew.Length);
    }

    [Fact]
    public async Task Structured_variants_are_deterministic()
    {
        var system = EmulatorFixture.SeedSystemPrompt + " 3개의 변형을 JSON으로.";
        var first = await VariantsFor(system, "파란 로봇", VariantsSchema());
        var second = await VariantsFor(system, "파란 로봇", VariantsSchema());

        Assert.Equal(first.Select(v => v.GetRawText()), second.Select(v => v.GetRawText()));
    }

    [Fact]
    public async Task Richer_schemas_get_conforming_values_for_every_type()
    {
        var schema = BinaryData.FromString("""
            {
              "type": "object",
              "$defs": {
                "variant": {
                  "type": "object",
                  "properties": {
                    "style": { "type": "string", "enum": ["realistic", "stylized", "low-poly", "hand-painted", "sculpted", "miniature"] },
                    "prompt": { "type": "string" },
                    "rationale": { "type": "string" },
                    "score": { "type": "number", "minimum": 0, "maximum": 1 },
                    "rank": { "type": "integer", "minimum": 1 },
                    "game_ready": { "type": "boolean" },
                    "keywords": { "type": "array", "items": { "type": "string" }, "minItems": 2, "maxItems": 4 },
                    "note": { "type": ["string", "null"] }
                  },
                  "required": ["style", "prompt", "rationale", "score", "rank", "game_ready", "keywords", "note"],
                  "additionalProperties": false
                }
              },
              "properties": {
                "original": { "type": "string" },
                "language": { "type": "string", "enum": ["ko", "en"] },
                "variants": { "type": "array", "items": { "$ref": "#/$defs/variant" }, "minItems": 1, "maxItems": 5 }
              },
              "required": ["original", "language", "variants"],
              "additionalProperties": false
            }
            """);
        var completion = await emulator.Chat().CompleteChatAsync(
            [new SystemChatMessage(EmulatorFixture.SeedSystemPrompt), new UserChatMessage("4 variants: 금색 왕관")], Structured(schema));
        using var document = JsonDocument.Parse(Texts.Of(completion.Value));
        var root = document.RootElement;

        Assert.Equal("4 variants: 금색 왕관", root.GetProperty("original").GetString());
        Assert.Equal("ko", root.GetProperty("language").GetString());
        var variants = root.GetProperty("variants").EnumerateArray().ToArray();
        Assert.Equal(4, variants.Length);
        Assert.Equal(["realistic", "stylized", "low-poly", "hand-painted"], variants.Select(v => v.GetProperty("style").GetString()));
        Assert.All(variants, v =>
        {
            Assert.InRange(v.GetProperty("score").GetDouble(), 0, 1);
            Assert.True(v.GetProperty("rank").GetInt32() >= 1);
            Assert.True(v.GetProperty("game_ready").GetBoolean());
            Assert.InRange(v.GetProperty("keywords").GetArrayLength(), 2, 4);
            Assert.Equal(JsonValueKind.String, v.GetProperty("note").ValueKind);
            Assert.Contains("금색 왕관", v.GetProperty("prompt").GetString());
        });
        Assert.Equal([1, 2, 3, 4], variants.Select(v => v.GetProperty("rank").GetInt32()));
    }

    [Fact]
    public async Task Json_object_mode_answers_a_prompt_object()
    {
        var options = new ChatCompletionOptions { ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat() };
        ChatCompletion completion = await emulator.Chat().CompleteChatAsync(
            [new SystemChatMessage(EmulatorFixture.SeedSystemPrompt + " 결과는 JSON으로."), new UserChatMessage("흰 대리석 석상")], options);

        using var document = JsonDocument.Parse(Texts.Of(completion));
        var prompt = document.RootElement.GetProperty("prompt").GetString()!;
        Assert.Contains("흰 대리석 석상", prompt);
        Assert.Equal("ko", document.RootElement.GetProperty("language").GetString());
    }
}
