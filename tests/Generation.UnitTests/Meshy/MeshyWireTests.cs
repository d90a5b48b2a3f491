using System.Text.Json;
using Meshy3D.Generation.Infrastructure.Meshy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Meshy3D.Generation.UnitTests.Meshy;

/// <summary>
/// Wire shapes the emulator never sends (Meshy's fields change monthly) and what the client puts on the wire,
/// checked against a stub of Meshy's HTTP surface.
/// </summary>
public sealed class MeshyWireTests
{
    const string TaskPath = "/openapi/v2/text-to-3d/{id}";

    [Fact]
    public async Task Unknown_fields_nulls_missing_members_and_an_unknown_status_do_not_break_a_task()
    {
        const string json = """
            {
              "id": "0193c3b5-6d7e-7a1b-9f00-000000000001",
              "type": "text-to-3d-preview",
              "status": "EXPIRED",
              "progress": 42.5,
              "prompt": "a bonsai",
              "texture_prompt": null,
              "thumbnail_url": null,
              "texture_urls": null,
              "task_error": { "message": "", "doc_url": null, "retryable": false },
              "preceding_tasks": "3",
              "created_at": 1764072000000,
              "started_at": 0,
              "finished_at": null,
              "consumed_credits": null,
              "video_url": "https://assets.meshy.ai/v.mp4",
              "geometry": { "faces": 1200, "watertight": true },
              "name": "Bonsai"
            }
            """;
        await using var meshy = await MeshyWireStub.StartAsync(app => app.MapGet(TaskPath, () => Results.Text(json, "application/json")));

        var task = await meshy.Client.GetTaskAsync("0193c3b5-6d7e-7a1b-9f00-000000000001");

        Assert.Equal(MeshyTaskStatus.Unknown, task.Status);
        Assert.False(task.IsTerminal);
        Assert.Equal(42, task.Progress);
        Assert.Equal(3, task.PrecedingTasks);
        Assert.Null(task.ModelUrls);
        Assert.Null(task.TextureUrls);
        Assert.Null(task.TexturePrompt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1764072000000), task.CreatedAt);
        Assert.Null(task.StartedAt);
        Assert.Null(task.FinishedAt);
        Assert.Null(task.ConsumedCredits);
        Assert.Equal("", task.TaskError?.Message);
        Assert.Equal(JsonValueKind.False, task.TaskError!.ExtensionData!["retryable"].ValueKind);
        Assert.Equal(1200, task.ExtensionData!["geometry"].GetProperty("faces").GetInt32());
        Assert.Equal("Bonsai", task.ExtensionData["name"].GetString());
        Assert.Contains("video_url", task.ExtensionData.Keys);
    }

    [Theory]
    [InlineData("{\"id\":\"t-1\",\"status\":")] // cut short
    [InlineData("{\"status\":\"PENDING\"}")] // no id
    [InlineData("{\"id\":\"t-1\",\"progress\":3}")] // no status
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("<html>maintenance</html>")]
    public async Task An_unreadable_task_is_Malformed(string body)
    {
        await using var meshy = await MeshyWireStub.StartAsync(app => app.MapGet(TaskPath, () => Results.Text(body, "application/json")));

        var error = await Assert.ThrowsAsync<MeshyApiException>(() => meshy.Client.GetTaskAsync("t-1"));

        Assert.Equal(MeshyErrorKind.Malformed, error.Kind);
        Assert.Equal(200, error.StatusCode);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task A_list_that_is_not_an_array_is_Malformed()
    {
        await using var meshy = await MeshyWireStub.StartAsync(app => app.MapGet("/openapi/v2/text-to-3d", () => Results.Json(new { tasks = Array.Empty<object>() })));

        var error = await Assert.ThrowsAsync<MeshyApiException>(() => meshy.Client.ListTasksAsync(1, 10, newestFirst: true));

        Assert.Equal(MeshyErrorKind.Malformed, error.Kind);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"result\":\"\"}")]
    [InlineData("not json")]
    public async Task An_accepted_create_without_a_task_id_is_Malformed_and_may_have_made_its_task(string body)
    {
        await using var meshy = await MeshyWireStub.StartAsync(app => app.MapPost("/openapi/v2/text-to-3d", () => Results.Text(body, "application/json", statusCode: 202)));

        var error = await Assert.ThrowsAsync<MeshyApiException>(() => meshy.Client.CreatePreviewAsync(new MeshyPreviewRequest("a mug")));

        Assert.Equal(MeshyErrorKind.Malformed, error.Kind);
        Assert.True(error.MayHaveCreatedTask);
    }

    [Fact]
    public async Task A_proxy_error_page_is_a_ServerError_without_a_Meshy_message()
    {
        await using var meshy = await MeshyWireStub.StartAsync(app => app.MapGet(TaskPath, () => Results.Text("<html>502 Bad Gateway</html>", "text/html", statusCode: 502)));

        var error = await Assert.ThrowsAsync<MeshyApiException>(() => meshy.Client.GetTaskAsync("t-1"));

        Assert.Equal(MeshyErrorKind.ServerError, error.Kind);
        Assert.Null(error.MeshyMessage);
    }

    [Fact]
    public async Task Creates_are_snake_case_with_the_mode_and_without_unset_fields()
    {
        var bodies = new List<JsonElement>();
        string? authorization = null;
        await using var meshy = await MeshyWireStub.StartAsync(app => app.MapPost("/meshy/openapi/v2/text-to-3d", async (HttpRequest request) =>
        {
            authorization = request.Headers.Authorization;
            bodies.Add(await JsonSerializer.DeserializeAsync<JsonElement>(request.Body));
            return Results.Json(new { result = $"task-{bodies.Count}" }, statusCode: 202);
        }), basePath: "meshy");

        var previewId = await meshy.Client.CreatePreviewAsync(new MeshyPreviewRequest("a red 찻주전자")
        {
            TargetPolycount = 2000,
            ShouldRemesh = true,
            Topology = "quad",
            TargetFormats = ["glb", "fbx"],
        });
        var refineId = await meshy.Client.CreateRefineAsync(new MeshyRefineRequest(previewId) { EnablePbr = true });

        Assert.Equal(("task-1", "task-2"), (previewId, refineId));
        Assert.Equal($"Bearer {MeshyEmulatorHost.ApiKey}", authorization);
        Assert.Equal(
            """{"mode":"preview","prompt":"a red 찻주전자","should_remesh":true,"target_formats":["glb","fbx"],"target_polycount":2000,"topology":"quad"}""",
            Canonical(bodies[0]));
        Assert.Equal("""{"enable_pbr":true,"mode":"refine","preview_task_id":"task-1"}""", Canonical(bodies[1]));
    }

    /// <summary>The body with its members sorted by name, since their order means nothing on the wire.</summary>
    static string Canonical(JsonElement body) => JsonSerializer.Serialize(
        body.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).ToDictionary(p => p.Name, p => p.Value),
        new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
