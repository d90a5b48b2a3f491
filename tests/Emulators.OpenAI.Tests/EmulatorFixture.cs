using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using OpenAI;
using OpenAI.Chat;

namespace Meshy3D.Emulators.OpenAI.Tests;

/// <summary>One emulator on real Kestrel (127.0.0.1, port 0) shared by the tests of the "emulator" collection.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public const string ApiKey = "sk-emulator-tests";
    public const string ConfiguredKey = "configured-test-key";

    /// <summary>The seed's system prompt, verbatim.</summary>
    public const string SeedSystemPrompt =
        "너는 3D 모델을 생성하기 위한 최적의 프롬프트를 만드는 AI야." +
        "사용자의 요청을 분석하여 디테일한 프롬프트를 제공해야 해." +
        "사용자가 제공한 정보를 존중하며, 부족한 경우 일반적인 추천을 추가해." +
        "3D 모델링에 적합한 키워드를 선정하고, 문장은 직관적이며 이해하기 쉽게 작성해." +
        "프롬프트 내의 개행을 삭제하고, 자연스럽게 이어지도록 구성해." +
        "필요한 정보를 압축해 500자 이내로 한국어로 작성해.";

    public const string EnglishSystemPrompt =
        "You write optimal prompts for generating 3D models. Analyse the request, keep what the user gave, add common " +
        "recommendations where something is missing, no line breaks, at most 500 characters, written in English.";

    private WebApplication? _app;

    public string BaseUrl { get; private set; } = "";

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app = OpenAIEmulator.CreateApp(
        [
            "--urls", "http://127.0.0.1:0",
            "--environment", "Testing",
            $"--OpenAIEmulator:ApiKeys:0={ConfiguredKey}",
            "--OpenAIEmulator:TimeoutFaultDelayMs=15000",
            "--Logging:LogLevel:Default=Warning",
        ]);
        using var startup = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _app.StartAsync(startup.Token);
        BaseUrl = _app.Urls.Single().TrimEnd('/');
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
        Http.DefaultRequestHeaders.Authorization = new("Bearer", ApiKey);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(shutdown.Token);
            await _app.DisposeAsync();
        }
    }

    /// <summary>An SDK client as the prompt service builds it; retries off unless a test wants the SDK's own policy.</summary>
    public ChatClient Chat(string model = "gpt-4o", string key = ApiKey, int? maxRetries = 0, TimeSpan? timeout = null, bool withV1 = true)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri(withV1 ? BaseUrl + "/v1" : BaseUrl),
            NetworkTimeout = timeout ?? TimeSpan.FromSeconds(10),
        };
        if (maxRetries is { } retries)
            options.RetryPolicy = new ClientRetryPolicy(retries);
        return new ChatClient(model, new ApiKeyCredential(key), options);
    }

    public OpenAIClientOptions ClientOptions() => new() { Endpoint = new Uri(BaseUrl + "/v1"), RetryPolicy = new ClientRetryPolicy(0) };

    public async Task ResetAsync()
    {
        using var response = await Http.PostAsync("/_emulator/reset", null);
        response.EnsureSuccessStatusCode();
    }

    public async Task ArmAsync(object fault)
    {
        using var response = await Http.PostAsJsonAsync("/_emulator/faults", fault);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }

    public async Task<JsonElement> RequestLogAsync()
    {
        using var response = await Http.GetAsync("/_emulator/requests");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }
}

[CollectionDefinition(Name)]
public sealed class EmulatorCollection : ICollectionFixture<EmulatorFixture>
{
    public const string Name = "emulator";
}

internal static class Texts
{
    public static bool HasHangul(string text) => text.Any(c => c is >= '\uAC00' and <= '\uD7A3');

    public static string Of(ChatCompletion completion) => string.Concat(completion.Content.Select(p => p.Text));

    public static string Lines(string text) => text.Replace("\n", "⏎");
}
