using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;

namespace Meshy3D.Integration.Tests;

/// <summary>The real generation flow against the Meshy emulator, through the gateway, with two generation instances.</summary>
[Collection(PlatformCollection.Name)]
public sealed class GenerationTests(PlatformFixture platform) : MeshyFaultsTest(platform)
{
    [Fact]
    public async Task A_textured_job_runs_preview_then_refine_once_each_and_hands_every_asset_to_storage()
    {
        using var browser = Platform.NewBrowser();
        var prompt = $"a red wooden chair {Guid.NewGuid():N}";
        var jobId = await Jobs.CreateAsync(browser, new { prompt, enhance = false, targetPolycount = 3000 });

        var job = await Jobs.WaitForTerminalAsync(browser, jobId);

        Assert.Equal("Completed", job.GetProperty("status").GetString());
        var stages = job.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("stage").GetString()).Distinct().ToList();
        Assert.Equal(["queue", "preview", "refine", "store", "score", "done"], stages);
        var tasks = await Meshy.TasksForPromptAsync(prompt);
        var preview = Assert.Single(tasks, t => t.GetProperty("type").GetString() == "text-to-3d-preview");
        Assert.Equal(job.GetProperty("previewTaskId").GetString(), preview.GetProperty("id").GetString());
        var refine = await Meshy.TaskAsync(job.GetProperty("refineTaskId").GetString()!);
        Assert.Equal("SUCCEEDED", refine.GetProperty("status").GetString());

        // Storage received every file Meshy offered (it records them in the model's manifest for now).
        var modelId = job.GetProperty("modelId").GetGuid();
        var manifest = await ManifestAsync(modelId);
        var kinds = manifest.GetProperty("assets").EnumerateArray().Select(a => a.GetProperty("kind").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "glb", "fbx", "obj", "mtl", "usdz", "thumbnail", "base_color", "metallic", "roughness", "normal" }, kinds);
    }

    [Fact]
    public async Task A_job_without_texture_stops_after_the_preview()
    {
        using var browser = Platform.NewBrowser();
        var prompt = $"a grey stone sphere {Guid.NewGuid():N}";
        var jobId = await Jobs.CreateAsync(browser, new { prompt, enhance = false, texture = false });

        var job = await Jobs.WaitForTerminalAsync(browser, jobId);

        Assert.Equal("Completed", job.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("refineTaskId").ValueKind);
        var tasks = await Meshy.TasksForPromptAsync(prompt);
        Assert.Equal(["text-to-3d-preview"], tasks.Select(t => t.GetProperty("type").GetString()));
        var kinds = (await ManifestAsync(job.GetProperty("modelId").GetGuid())).GetProperty("assets").EnumerateArray()
            .Select(a => a.GetProperty("kind").GetString()).ToList();
        Assert.Contains("glb", kinds);
        Assert.DoesNotContain("base_color", kinds);
    }

    [Fact]
    public async Task A_task_Meshy_fails_fails_the_job_with_Meshys_reason()
    {
        using var browser = Platform.NewBrowser();
        var jobId = await Jobs.CreateAsync(browser, new { prompt = $"a broken vase [emulator:fail] {Guid.NewGuid():N}", enhance = false });

        var job = await Jobs.WaitForTerminalAsync(browser, jobId);

        Assert.Equal("Failed", job.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(job.GetProperty("failureReason").GetString()));
        Assert.Equal(JsonValueKind.Null, job.GetProperty("modelId").ValueKind);
    }

    [Fact]
    public async Task Jobs_complete_through_a_storm_of_429s_and_5xx()
    {
        await Meshy.SetFaultsAsync(new
        {
            errors = new object[]
            {
                new { status = 429, message = "RateLimitExceeded", count = 4, operations = new[] { "create" } },
                new { status = 503, message = "Service Unavailable", count = 4, operations = new[] { "create", "get", "stream" } },
            },
        });
        using var browser = Platform.NewBrowser();
        await browser.GetAsync("/api/generations"); // the identity cookie first, so parallel requests share it
        var prompts = Enumerable.Range(0, 3).Select(i => $"a blue teapot {i} {Guid.NewGuid():N}").ToList();
        var jobIds = await Task.WhenAll(prompts.Select(p => Jobs.CreateAsync(browser, new { prompt = p, enhance = false })));

        foreach (var jobId in jobIds)
            Assert.Equal("Completed", (await Jobs.WaitForTerminalAsync(browser, jobId)).GetProperty("status").GetString());
        foreach (var prompt in prompts)
            Assert.Single(await Meshy.TasksForPromptAsync(prompt), t => t.GetProperty("type").GetString() == "text-to-3d-preview");
    }

    [Fact]
    public async Task When_Meshys_stream_drops_polling_takes_over()
    {
        // A clean end of the stream before the task's end (an abort could also cut the response before its headers,
        // which the client simply retries as a failed GET).
        await Meshy.SetFaultsAsync(new { stream_drop = new { after_events = 2, abort = false, count = 1 } });
        using var browser = Platform.NewBrowser();
        var prompt = $"a green tree {Guid.NewGuid():N}";
        var jobId = await Jobs.CreateAsync(browser, new { prompt, enhance = false });

        var job = await Jobs.WaitForTerminalAsync(browser, jobId);

        Assert.Equal("Completed", job.GetProperty("status").GetString());
        var previewId = job.GetProperty("previewTaskId").GetString()!;
        var requests = await Meshy.RequestsAsync();
        Assert.Contains(requests, r => r.GetProperty("operation").GetString() == "get" && r.GetProperty("path").GetString()!.EndsWith(previewId));
    }

    [Fact]
    public async Task Canceling_a_running_job_deletes_its_Meshy_task_and_stops_following()
    {
        using var browser = Platform.NewBrowser();
        // A stall holds the preview mid-way long enough to cancel it.
        await Meshy.SetFaultsAsync(new { stall = new { at_progress = 30, duration_ms = 20_000, count = 1 } });
        var prompt = $"a golden sword {Guid.NewGuid():N}";
        var jobId = await Jobs.CreateAsync(browser, new { prompt, enhance = false });
        await Jobs.WaitForAsync(browser, jobId, j => j.GetProperty("previewTaskId").ValueKind == JsonValueKind.String);

        var canceled = await browser.DeleteAsync($"/api/generations/{jobId}");

        Assert.Equal(HttpStatusCode.OK, canceled.StatusCode);
        var job = await Jobs.WaitForTerminalAsync(browser, jobId);
        Assert.Equal("Canceled", job.GetProperty("status").GetString());
        Assert.Empty(await Meshy.TasksForPromptAsync(prompt)); // deleted at Meshy
        Assert.Equal(HttpStatusCode.NotFound, (await browser.DeleteAsync($"/api/generations/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_finished_job_cannot_be_canceled()
    {
        using var browser = Platform.NewBrowser();
        var jobId = await Jobs.CreateAsync(browser, new { prompt = $"a small cube {Guid.NewGuid():N}", enhance = false, texture = false });
        await Jobs.WaitForTerminalAsync(browser, jobId);

        var response = await browser.DeleteAsync($"/api/generations/{jobId}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("Completed", (await browser.GetFromJsonAsync<JsonElement>($"/api/generations/{jobId}")).GetProperty("status").GetString());
    }

    async Task<JsonElement> ManifestAsync(Guid modelId)
    {
        var blobs = new BlobServiceClient(await Platform.ConnectionStringAsync("blobs"));
        var manifest = await blobs.GetBlobContainerClient("models").GetBlobClient($"models/{modelId}/manifest.json").DownloadContentAsync();
        return JsonDocument.Parse(manifest.Value.Content.ToMemory()).RootElement;
    }
}
