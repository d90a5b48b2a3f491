using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpenAI.Chat;

namespace Meshy3D.Emulators.OpenAI.Tests;

[Collection(EmulatorCollection.Name)]
public sealed class AdminApiTests(EmulatorFixture emulator) : IAsyncLifetime
{
    public Task InitializeAsync() => emulator.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("""{"kind":"meteor_strike"}""", "kind")]
    [InlineData("""{"kind":"empty","count":0}""", "count")]
    [InlineData("""{"kind":"server_error","statusCode":404}""", "statusCode")]
    [InlineData("""{"kind":"timeout","delayMs":0}""", "delayMs")]
    public async Task Invalid_faults_are_refused_with_problem_details(string body, string field)
    {
        using var response = await emulator.Http.PostAsync("/_emulator/faults", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Reset_clears_faults_and_the_request_log()
    {
        await emulator.ArmAsync(new { kind = "empty", count = 5 });
        await emulator.Chat().CompleteChatAsync([new UserChatMessage("컵")]);

        await emulator.ResetAsync();

        var faults = await emulator.Http.GetFromJsonAsync<JsonElement>("/_emulator/faults");
        Assert.Equal(0, faults.GetProperty("faults").GetArrayLength());
        var log = await emulator.RequestLogAsync();
        Assert.Equal(0, log.GetProperty("count").GetInt64());
        Assert.NotEmpty(Texts.Of(await emulator.Chat().CompleteChatAsync([new UserChatMessage("컵")])));
    }

    [Fact]
    public async Task Deleting_faults_disarms_them()
    {
        await emulator.ArmAsync(new { kind = "rate_limit", count = 3 });
        using var deleted = await emulator.Http.DeleteAsync("/_emulator/faults");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        Assert.NotEmpty(Texts.Of(await emulator.Chat().CompleteChatAsync([new UserChatMessage("컵")])));
    }

    [Fact]
    public async Task Request_log_limit_returns_the_most_recent_requests()
    {
        var client = emulator.Chat();
        foreach (var subject in new[] { "컵", "의자", "우물" })
            await client.CompleteChatAsync([new UserChatMessage(subject)]);

        var log = await emulator.Http.GetFromJsonAsync<JsonElement>("/_emulator/requests?limit=2");
        Assert.Equal(3, log.GetProperty("count").GetInt64());
        var requests = log.GetProperty("requests").EnumerateArray().ToArray();
        Assert.Equal([2L, 3L], requests.Select(r => r.GetProperty("sequence").GetInt64()));
        Assert.Equal("우물", requests[^1].GetProperty("body").GetProperty("messages")[0].GetProperty("content").GetString());
    }
}
