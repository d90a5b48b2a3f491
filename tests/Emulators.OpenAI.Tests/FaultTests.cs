using System.ClientModel;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OpenAI.Chat;

namespace Meshy3D.Emulators.OpenAI.Tests;

[Collection(EmulatorCollection.Name)]
public sealed class FaultTests(EmulatorFixture emulator) : IAsyncLifetime
{
    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly ChatMessage[] Teapot = [new SystemChatMessage(EmulatorFixture.SeedSystemPrompt), new UserChatMessage("빨간 찻주전자")];

    private static ChatCompletionOptions VariantsFormat() => new()
    {
        ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("prompt_variants", BinaryData.FromString("""
            {"type":"object","properties":{"variants":{"type":"array","minItems":1,"maxItems":5,"items":{"type":"object",
             "properties":{"prompt":{"type":"string"},"rationale":{"type":"string"}},"required":["prompt","rationale"],"additionalProperties":false}}},
             "required":["variants"],"additionalProperties":false}
            """), jsonSchemaIsStrict: true),
    };

    private Task<HttpResponseMessage> PostRaw() => emulator.Http.PostAsync("/v1/chat/completions", new StringContent(
        """{"model":"gpt-4o","messages":[{"role":"user","content":"빨간 찻주전자"}]}""", Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Rate_limit_is_a_429_with_Retry_After_for_the_next_call_only()
    {
        await emulator.ArmAsync(new { kind = "rate_limit", retryAfterSeconds = 7 });

        using (var limited = await PostRaw())
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(7), limited.Headers.RetryAfter?.Delta);
            Assert.Equal("7000", limited.Headers.GetValues("retry-after-ms").Single());
            var error = JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
            Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
            Assert.Equal("requests", error.GetProperty("type").GetString());
        }

        using var next = await PostRaw();
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Rate_limit_surfaces_in_the_SDK_as_429_when_retries_are_off()
    {
        await emulator.ArmAsync(new { kind = "rate_limit", retryAfterSeconds = 1 });

        var failure = await Assert.ThrowsAsync<ClientResultException>(() => emulator.Chat().CompleteChatAsync(Teapot));
        Assert.Equal(429, failure.Status);
        Assert.Equal("1", failure.GetRawResponse()!.Headers.TryGetValue("Retry-After", out var retryAfter) ? retryAfter : null);
    }

    [Fact]
    public async Task SDK_default_retry_policy_recovers_from_one_429_and_the_log_counts_both_attempts()
    {
        await emulator.ArmAsync(new { kind = "rate_limit", count = 1, retryAfterSeconds = 0 });

        ChatCompletion completion = await emulator.Chat(maxRetries: null).CompleteChatAsync(Teapot);
        Assert.Contains("찻주전자", Texts.Of(completion));

        var log = await emulator.RequestLogAsync();
        Assert.Equal(2, log.GetProperty("count").GetInt64());
        var requests = log.GetProperty("requests");
        Assert.Equal(429, requests[0].GetProperty("statusCode").GetInt32());
        Assert.Equal("rate_limit", requests[0].GetProperty("fault").GetString());
        Assert.Equal(200, requests[1].GetProperty("statusCode").GetInt32());
    }

    [Theory]
    [InlineData(null, 500)]
    [InlineData(503, 503)]
    public async Task Server_error_surfaces_in_the_SDK_with_its_status(int? statusCode, int expected)
    {
        await emulator.ArmAsync(new { kind = "server_error", statusCode });

        var failure = await Assert.ThrowsAsync<ClientResultException>(() => emulator.Chat().CompleteChatAsync(Teapot));
        Assert.Equal(expected, failure.Status);
        Assert.Contains("server_error", failure.Message);
    }

    [Fact]
    public async Task Server_errors_for_n_calls_exhaust_the_SDKs_retries()
    {
        await emulator.ArmAsync(new { kind = "500", count = 2 });

        var failure = await Assert.ThrowsAsync<ClientResultException>(() => emulator.Chat(maxRetries: 1).CompleteChatAsync(Teapot));
        Assert.Equal(500, failure.Status);
        Assert.Equal(2, (await emulator.RequestLogAsync()).GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task Timeout_outlasts_the_clients_network_timeout()
    {
        await emulator.ArmAsync(new { kind = "timeout", delayMs = 10_000 });

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            emulator.Chat(timeout: TimeSpan.FromMilliseconds(500)).CompleteChatAsync(Teapot));
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(5));

        ChatCompletion next = await emulator.Chat().CompleteChatAsync(Teapot);
        Assert.NotEmpty(Texts.Of(next));
    }

    [Fact]
    public async Task Timeout_answers_normally_when_the_client_waits_long_enough()
    {
        await emulator.ArmAsync(new { kind = "timeout", delayMs = 300 });

        var clock = Stopwatch.StartNew();
        ChatCompletion completion = await emulator.Chat().CompleteChatAsync(Teapot);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(280), clock.Elapsed.ToString());
        Assert.Contains("찻주전자", Texts.Of(completion));
    }

    [Fact]
    public async Task Empty_content_is_a_200_with_nothing_in_it()
    {
        await emulator.ArmAsync(new { kind = "empty" });

        ChatCompletion completion = await emulator.Chat().CompleteChatAsync(Teapot);
        Assert.Equal("", Texts.Of(completion));
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
    }

    [Fact]
    public async Task Malformed_content_is_not_JSON_when_JSON_was_asked()
    {
        await emulator.ArmAsync(new { kind = "malformed" });

        var text = Texts.Of(await emulator.Chat().CompleteChatAsync(Teapot, VariantsFormat()));
        Assert.NotEmpty(text);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
    }

    [Fact]
    public async Task Malformed_text_content_is_a_cut_JSON_fragment()
    {
        await emulator.ArmAsync(new { kind = "malformed" });

        var text = Texts.Of(await emulator.Chat().CompleteChatAsync(Teapot));
        Assert.StartsWith("{\"prompt\"", text);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
    }

    [Fact]
    public async Task Truncated_JSON_stops_with_finish_reason_length()
    {
        await emulator.ArmAsync(new { kind = "truncated_json" });

        ChatCompletion completion = await emulator.Chat().CompleteChatAsync(Teapot, VariantsFormat());
        var text = Texts.Of(completion);
        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.StartsWith("{\"variants\":[", text);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
    }

    [Fact]
    public async Task Newlines_fault_puts_line_breaks_in_the_prompt_plain_and_streamed()
    {
        await emulator.ArmAsync(new { kind = "newlines", count = 2 });
        var client = emulator.Chat();

        var plain = Texts.Of(await client.CompleteChatAsync(Teapot));
        var streamed = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var update in client.CompleteChatStreamingAsync(Teapot, cancellationToken: timeout.Token))
            foreach (var part in update.ContentUpdate)
                streamed.Append(part.Text);

        Assert.Contains('\n', plain);
        Assert.Equal(plain, streamed.ToString());
        Assert.Contains("찻주전자", plain);
    }

    [Fact]
    public async Task Newlines_fault_reaches_the_prompts_inside_structured_output()
    {
        await emulator.ArmAsync(new { kind = "newlines" });

        var text = Texts.Of(await emulator.Chat().CompleteChatAsync(Teapot, VariantsFormat()));
        using var document = JsonDocument.Parse(text);
        Assert.All(document.RootElement.GetProperty("variants").EnumerateArray(),
            v => Assert.Contains('\n', v.GetProperty("prompt").GetString()!));
    }

    [Fact]
    public async Task Over_length_fault_exceeds_500_and_even_600_characters()
    {
        await emulator.ArmAsync(new { kind = "over_length" });

        var text = Texts.Of(await emulator.Chat().CompleteChatAsync(Teapot));
        Assert.True(text.Length > 600, $"{text.Length} chars");
        Assert.DoesNotContain('\n', text);
        Assert.Contains("찻주전자", text);
    }

    [Fact]
    public async Task Wrong_language_fault_answers_English_to_a_Korean_request()
    {
        await emulator.ArmAsync(new { kind = "wrong_language" });

        var text = Texts.Of(await emulator.Chat().CompleteChatAsync(Teapot));
        Assert.False(Texts.HasHangul(text), text);
        Assert.StartsWith("A red teapot", text);
    }

    [Fact]
    public async Task Faults_play_out_in_the_order_armed_then_normal_service_resumes()
    {
        await emulator.ArmAsync(new { kind = "empty", count = 2 });
        await emulator.ArmAsync(new { kind = "newlines" });
        var armed = await emulator.Http.GetFromJsonAsync<JsonElement>("/_emulator/faults");
        Assert.Equal(["empty", "newlines"], armed.GetProperty("faults").EnumerateArray().Select(f => f.GetProperty("kind").GetString()));
        Assert.Equal(2, armed.GetProperty("faults")[0].GetProperty("remaining").GetInt32());

        var client = emulator.Chat();
        var answers = new List<string>();
        for (var i = 0; i < 4; i++)
            answers.Add(Texts.Of(await client.CompleteChatAsync(Teapot)));

        Assert.Equal("", answers[0]);
        Assert.Equal("", answers[1]);
        Assert.Contains('\n', answers[2]);
        Assert.DoesNotContain('\n', answers[3]);
        Assert.NotEmpty(answers[3]);
        var log = await emulator.RequestLogAsync();
        Assert.Equal(["empty", "empty", "newlines", null], log.GetProperty("requests").EnumerateArray()
            .Select(r => r.GetProperty("fault").ValueKind == JsonValueKind.Null ? null : r.GetProperty("fault").GetString()));
    }
}
