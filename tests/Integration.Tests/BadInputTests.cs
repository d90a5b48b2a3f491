using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Meshy3D.Integration.Tests;

[Collection(PlatformCollection.Name)]
public sealed class BadInputTests(PlatformFixture platform)
{
    public static TheoryData<string, string> RejectedGenerations => new()
    {
        { """{}""", "prompt" },
        { """{"prompt":null}""", "prompt" },
        { """{"prompt":""}""", "prompt" },
        { """{"prompt":"   "}""", "prompt" },
        { $$"""{"prompt":"{{new string('a', 601)}}"}""", "prompt" },
        { """{"prompt":"a chair\u0000"}""", "prompt" },
        { """{"prompt":"a chair","targetPolycount":99}""", "targetPolycount" },
        { """{"prompt":"a chair","targetPolycount":300001}""", "targetPolycount" },
        { """{"prompt":"a chair","topology":"hexagon"}""", "topology" },
        { """{"prompt":"a chair","visibility":"secret"}""", "visibility" },
        { """{"prompt":"a chair","language":"fr"}""", "language" },
    };

    [Theory]
    [MemberData(nameof(RejectedGenerations))]
    public async Task A_bad_generation_request_is_refused_naming_the_field_and_writes_nothing(string body, string field)
    {
        using var browser = platform.NewBrowser();
        var before = await CountAsync("generationdb", WrittenByRequests);

        var response = await browser.PostAsync("/api/generations", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"The problem should name '{field}': {problem}");
        Assert.Equal(before, await CountAsync("generationdb", WrittenByRequests));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused()
    {
        using var browser = platform.NewBrowser();
        var response = await browser.PostAsync("/api/generations", new StringContent("prompt=chair", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_bad_enhance_request_is_refused_naming_the_field()
    {
        using var browser = platform.NewBrowser();
        var before = await CountAsync("promptdb", "SELECT count(*) FROM enhancements");

        var response = await browser.PostAsJsonAsync("/api/prompts/enhance", new { prompt = new string('가', 2001) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("prompt", out _));
        Assert.Equal(before, await CountAsync("promptdb", "SELECT count(*) FROM enhancements"));
    }

    [Theory]
    [InlineData("/api/nothing-here")]
    [InlineData("/api/generations/not-a-guid")]
    [InlineData("/api/generations/0198f7a0-0000-7000-8000-000000000000")]
    [InlineData("/no-such-page.html")]
    public async Task Unknown_routes_and_ids_answer_404(string path)
    {
        using var browser = platform.NewBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(path)).StatusCode);
    }

    // Jobs and the GenerationRequested events a request writes; progress events of other tests' jobs keep flowing meanwhile.
    const string WrittenByRequests = """
        SELECT (SELECT count(*) FROM jobs) + (SELECT count(*) FROM outbox_messages WHERE "EventType" = 'Meshy3D.Contracts.GenerationRequested')
        """;

    async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(await platform.ConnectionStringAsync(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
