using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Npgsql;

namespace Meshy3D.Integration.Tests;

[Collection(PlatformCollection.Name)]
public sealed class WalkingSkeletonTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_prompt_posted_through_the_gateway_reaches_storage_and_scoring()
    {
        using var browser = platform.NewBrowser();
        var created = await browser.PostAsJsonAsync("/api/generations", new { prompt = "빨간 찻주전자" });

        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var accepted = await created.Content.ReadFromJsonAsync<JsonElement>();
        var jobId = accepted.GetProperty("id").GetGuid();
        Assert.Equal($"/api/generations/{jobId}", created.Headers.Location?.OriginalString);
        Assert.Equal("Enhancing", accepted.GetProperty("status").GetString());

        var job = await Jobs.WaitForTerminalAsync(browser, jobId);

        Assert.Equal("Completed", job.GetProperty("status").GetString());
        Assert.Equal("빨간 찻주전자", job.GetProperty("prompt").GetString());
        Assert.Contains("찻주전자", job.GetProperty("enhancedPrompt").GetString());
        var modelId = job.GetProperty("modelId").GetGuid();
        var scoreId = job.GetProperty("scoreId").GetGuid();
        var stages = job.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("status").GetString()).ToList();
        Assert.Equal(["Enhancing", "Queued", "Generating", "Storing", "Scoring", "Completed"], stages.Distinct());

        // Storage wrote a catalogue row and a blob; scoring a score row: the ids the job reports are theirs.
        var model = await browser.GetFromJsonAsync<JsonElement>($"/api/models/{modelId}");
        Assert.Equal(jobId, model.GetProperty("jobId").GetGuid());
        var manifest = Assert.Single(model.GetProperty("files").EnumerateArray());
        var blobs = new BlobServiceClient(await platform.ConnectionStringAsync("blobs"));
        var blob = blobs.GetBlobContainerClient("models").GetBlobClient($"models/{modelId}/manifest.json");
        var stored = (await blob.DownloadContentAsync()).Value;
        Assert.Equal(manifest.GetProperty("length").GetInt64(), stored.Content.ToMemory().Length);
        Assert.Equal(jobId, JsonDocument.Parse(stored.Content.ToMemory()).RootElement.GetProperty("jobId").GetGuid());

        var score = await browser.GetFromJsonAsync<JsonElement>($"/api/scores/{modelId}");
        Assert.Equal(scoreId, score.GetProperty("id").GetGuid());
        var distribution = score.GetProperty("distribution").EnumerateArray().Select(d => d.GetDouble()).ToList();
        Assert.Equal(10, distribution.Count);
        Assert.Equal(1.0, distribution.Sum(), precision: 6);
        // The catalogue takes the score from the same ModelScored event, on its own queue: it may lag the job by a moment.
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (model.GetProperty("scoreMean").ValueKind == JsonValueKind.Null)
        {
            await Task.Delay(100, wait.Token);
            model = await browser.GetFromJsonAsync<JsonElement>($"/api/models/{modelId}", wait.Token);
        }
        Assert.Equal(model.GetProperty("scoreMean").GetDouble(), score.GetProperty("mean").GetDouble(), precision: 6);

        await using var scoring = new NpgsqlConnection(await platform.ConnectionStringAsync("scoringdb"));
        await scoring.OpenAsync();
        await using var count = new NpgsqlCommand("""SELECT count(*) FROM scores WHERE "ModelId" = @m""", scoring);
        count.Parameters.AddWithValue("m", modelId);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Without_enhancement_the_original_prompt_goes_on()
    {
        using var browser = platform.NewBrowser();
        var created = await browser.PostAsJsonAsync("/api/generations", new { prompt = "a mossy stone well", enhance = false });
        var jobId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var job = await Jobs.WaitForTerminalAsync(browser, jobId);

        Assert.Equal("Completed", job.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("enhancedPrompt").ValueKind);
        Assert.DoesNotContain(job.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("status").GetString() == "Enhancing");
    }

    [Fact]
    public async Task A_job_is_listed_for_its_owner_and_hidden_from_everyone_else()
    {
        using var owner = platform.NewBrowser();
        using var stranger = platform.NewBrowser();
        var created = await owner.PostAsJsonAsync("/api/generations", new { prompt = "a wooden chair", enhance = false });
        var jobId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var job = await Jobs.WaitForTerminalAsync(owner, jobId);
        var modelId = job.GetProperty("modelId").GetGuid();

        var mine = await owner.GetFromJsonAsync<JsonElement>("/api/generations");
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), j => j.GetProperty("id").GetGuid() == jobId);

        // Someone else's private things answer 404, not 403.
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/generations/{jobId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/models/{modelId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/scores/{modelId}")).StatusCode);
        var theirs = await stranger.GetFromJsonAsync<JsonElement>("/api/generations");
        Assert.DoesNotContain(theirs.GetProperty("items").EnumerateArray(), j => j.GetProperty("id").GetGuid() == jobId);
    }
}

static class Jobs
{
    public static async Task<Guid> CreateAsync(HttpClient browser, object request)
    {
        var created = await browser.PostAsJsonAsync("/api/generations", request);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static Task<JsonElement> WaitForTerminalAsync(HttpClient browser, Guid jobId) =>
        WaitForAsync(browser, jobId, job => job.GetProperty("isTerminal").GetBoolean());

    public static async Task<JsonElement> WaitForAsync(HttpClient browser, Guid jobId, Func<JsonElement, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var job = await browser.GetFromJsonAsync<JsonElement>($"/api/generations/{jobId}", timeout.Token);
            if (condition(job)) return job;
            await Task.Delay(100, timeout.Token);
        }
    }
}
