using System.ClientModel;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OpenAI.Chat;

namespace Meshy3D.Emulators.OpenAI.Tests;

[Collection(EmulatorCollection.Name)]
public sealed class ErrorResponseTests(EmulatorFixture emulator) : IAsyncLifetime
{
    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly ChatMessage[] Teapot = [new UserChatMessage("빨간 찻주전자")];

    [Fact]
    public async Task Wrong_key_is_a_401_ClientResultException()
    {
        var failure = await Assert.ThrowsAsync<ClientResultException>(() => emulator.Chat(key: "sk-proj-not-an-emulator-key").CompleteChatAsync(Teapot));

        Assert.Equal(401, failure.Status);
        Assert.Contains("invalid_api_key", failure.Message);
    }

    [Fact]
    public async Task Configured_keys_are_accepted_besides_the_prefix()
    {
        ChatCompletion completion = await emulator.Chat(key: EmulatorFixture.ConfiguredKey).CompleteChatAsync(Teapot);
        Assert.NotEmpty(Texts.Of(completion));
    }

    [Fact]
    public async Task Missing_key_is_a_401_in_OpenAIs_error_shape()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent("""{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");
        using var response = await emulator.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = (await ReadJson(response)).GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Contains("didn't provide an API key", error.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
    }

    [Fact]
    public async Task Unknown_model_is_a_404_ClientResultException()
    {
        var failure = await Assert.ThrowsAsync<ClientResultException>(() => emulator.Chat(model: "gpt-3.5-turbo").CompleteChatAsync(Teapot));

        Assert.Equal(404, failure.Status);
        Assert.Contains("model_not_found", failure.Message);
    }

    [Fact]
    public async Task Dated_snapshots_of_known_models_are_accepted()
    {
        ChatCompletion completion = await emulator.Chat(model: "gpt-4o-2024-08-06").CompleteChatAsync(Teapot);
        Assert.Equal("gpt-4o-2024-08-06", completion.Model);
    }

    [Theory]
    [InlineData("""{"model":"gpt-4o","messages":[]}""", "messages", "empty_array")]
    [InlineData("""{"model":"gpt-4o"}""", "messages", "missing_required_parameter")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}]}""", "model", "missing_required_parameter")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"wizard","content":"x"}]}""", "messages[0].role", "invalid_value")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":42}]}""", "messages[0].content", "invalid_type")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"response_format":{"type":"yaml"}}""", "response_format.type", "invalid_value")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_schema"}}""", "response_format.json_schema", "missing_required_parameter")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_schema","json_schema":{"schema":{"type":"object"}}}}""", "response_format.json_schema.name", "missing_required_parameter")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_schema","json_schema":{"name":"v","schema":{"type":"array"}}}}""", "response_format", "invalid_json_schema")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_object"}}""", "messages", null)]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"temperature":3}""", "temperature", "decimal_above_max_value")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"stream_options":{"include_usage":true}}""", "stream_options", "invalid_value")]
    public async Task Bad_requests_are_400s_naming_the_param(string body, string param, string? code)
    {
        using var response = await emulator.Http.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await ReadJson(response)).GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Unparseable_body_is_a_400()
    {
        using var response = await emulator.Http.PostAsync("/v1/chat/completions", new StringContent("{not json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("could not parse the JSON body", (await ReadJson(response)).GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Bad_request_surfaces_in_the_SDK_as_a_400()
    {
        var options = new ChatCompletionOptions { ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat() };
        var failure = await Assert.ThrowsAsync<ClientResultException>(() => emulator.Chat().CompleteChatAsync(Teapot, options));

        Assert.Equal(400, failure.Status);
    }

    [Fact]
    public async Task Refused_requests_are_logged_but_do_not_consume_faults()
    {
        await emulator.ArmAsync(new { kind = "server_error" });
        await Assert.ThrowsAsync<ClientResultException>(() => emulator.Chat(key: "sk-wrong").CompleteChatAsync(Teapot));

        var log = await emulator.RequestLogAsync();
        Assert.Equal(401, log.GetProperty("requests")[0].GetProperty("statusCode").GetInt32());
        var failure = await Assert.ThrowsAsync<ClientResultException>(() => emulator.Chat().CompleteChatAsync(Teapot));
        Assert.Equal(500, failure.Status);
    }

    private static async Task<JsonElement> ReadJson(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
