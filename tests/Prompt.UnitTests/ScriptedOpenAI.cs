using System.ClientModel.Primitives;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Meshy3D.Prompt.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Meshy3D.Prompt.UnitTests;

/// <summary>OpenAI's wire contract played from a script: each request takes the next answer and is recorded.</summary>
sealed class ScriptedOpenAI : HttpMessageHandler
{
    readonly Queue<Func<CancellationToken, Task<HttpResponseMessage>>> _answers = new();

    public List<JsonNode> Requests { get; } = [];

    public ScriptedOpenAI Answers(params string[] contents)
    {
        foreach (var content in contents) _answers.Enqueue(_ => Task.FromResult(Completion(content)));
        return this;
    }

    public ScriptedOpenAI Fails(HttpStatusCode status, int times = 1, int? retryAfterSeconds = null)
    {
        for (var i = 0; i < times; i++)
        {
            _answers.Enqueue(_ =>
            {
                var response = new HttpResponseMessage(status)
                {
                    Content = new StringContent("""{"error":{"message":"scripted","type":"server_error","param":null,"code":null}}""", Encoding.UTF8, "application/json"),
                };
                if (retryAfterSeconds is { } seconds) response.Headers.Add("Retry-After", seconds.ToString());
                return Task.FromResult(response);
            });
        }
        return this;
    }

    public ScriptedOpenAI Stalls() => Enqueue(async ct =>
    {
        await Task.Delay(Timeout.Infinite, ct);
        throw new System.Diagnostics.UnreachableException();
    });

    ScriptedOpenAI Enqueue(Func<CancellationToken, Task<HttpResponseMessage>> answer)
    {
        _answers.Enqueue(answer);
        return this;
    }

    public OpenAIPromptEnhancer Enhancer(int maxRetries = 0, TimeSpan? timeout = null)
    {
        var settings = new OpenAIOptions
        {
            Endpoint = new Uri("http://openai.test/v1"),
            ApiKey = "sk-test",
            MaxRetries = maxRetries,
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
        };
        var chat = OpenAIPromptEnhancer.CreateChatClient(settings, new HttpClientPipelineTransport(new HttpClient(this)));
        return new OpenAIPromptEnhancer(chat, Options.Create(settings), NullLogger<OpenAIPromptEnhancer>.Instance);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!);
        if (!_answers.TryDequeue(out var answer)) throw new InvalidOperationException("The script has no more answers.");
        return await answer(cancellationToken);
    }

    static HttpResponseMessage Completion(string content) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(JsonSerializer.Serialize(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion",
            created = 1_700_000_000,
            model = "gpt-4o-2024-08-06",
            choices = new[] { new { index = 0, message = new { role = "assistant", content, refusal = (string?)null }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 40, completion_tokens = 100, total_tokens = 140 },
        }), Encoding.UTF8, "application/json"),
    };
}
