using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Meshy3D.Emulators.Meshy.Tests;

/// <summary>Every Meshy Text-to-3D endpoint and error, over real HTTP, against meshy-api.md.</summary>
public sealed class ContractTests
{
    [Fact]
    public async Task Health_answers_Healthy()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var response = await emulator.Anonymous.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("msy_not_a_key")]
    public async Task Missing_or_unknown_key_gets_401_Invalid_API_key(string? key)
    {
        await using var emulator = await EmulatorHost.StartAsync();
        using var client = emulator.NewClient(key);
        foreach (var response in new[]
                 {
                     await client.GetAsync("/openapi/v2/text-to-3d"),
                     await client.GetAsync($"/openapi/v2/text-to-3d/{Guid.NewGuid()}"),
                     await client.PostAsJsonAsync("/openapi/v2/text-to-3d", new { mode = "preview", prompt = "a chair" }),
                     await client.DeleteAsync($"/openapi/v2/text-to-3d/{Guid.NewGuid()}"),
                     await client.GetAsync($"/openapi/v2/text-to-3d/{Guid.NewGuid()}/stream"),
                 })
            Assert.Equal("Invalid API key", await EmulatorHost.AssertErrorAsync(response, 401));
    }

    [Fact]
    public async Task Test_key_and_configured_key_are_accepted_as_separate_accounts()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        using var configured = emulator.NewClient(EmulatorHost.ConfiguredKey);
        var mine = await emulator.CreatePreviewAsync(client: configured);
        Assert.Equal(mine, (await emulator.GetTaskAsync(mine, configured)).GetProperty("id").GetString());
        // Another account does not see it.
        await EmulatorHost.AssertErrorAsync(await emulator.Client.GetAsync($"/openapi/v2/text-to-3d/{mine}"), 404);
    }

    [Fact]
    public async Task Test_key_can_be_switched_off()
    {
        await using var emulator = await EmulatorHost.StartAsync("Meshy:AcceptTestKey=false");
        await EmulatorHost.AssertErrorAsync(await emulator.Client.GetAsync("/openapi/v2/text-to-3d"), 401);
        using var configured = emulator.NewClient(EmulatorHost.ConfiguredKey);
        Assert.Equal(HttpStatusCode.OK, (await configured.GetAsync("/openapi/v2/text-to-3d")).StatusCode);
    }

    [Fact]
    public async Task Create_preview_answers_202_with_a_version7_uuid_and_the_task_has_snake_case_fields()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var response = await emulator.PostTaskAsync(new { mode = "preview", prompt = "a red chair", art_style = "realistic", seed = 42, target_polycount = 1000 });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await EmulatorHost.ReadJsonAsync(response);
        var id = body.GetProperty("result").GetString()!;
        Assert.Equal(7, Guid.Parse(id).Version);
        Assert.Single(body.EnumerateObject());

        var task = await emulator.GetTaskAsync(id);
        Assert.Equal(id, task.GetProperty("id").GetString());
        Assert.Equal("text-to-3d-preview", task.GetProperty("type").GetString());
        Assert.Equal("a red chair", task.GetProperty("prompt").GetString());
        Assert.Equal("realistic", task.GetProperty("art_style").GetString());
        Assert.Equal(42, task.GetProperty("seed").GetInt32());
        Assert.Contains(task.GetProperty("status").GetString(), new[] { "PENDING", "IN_PROGRESS", "SUCCEEDED" });
        foreach (var field in new[] { "progress", "created_at", "started_at", "finished_at", "preceding_tasks", "consumed_credits", "model_urls", "texture_urls", "thumbnail_url", "task_error" })
            Assert.True(task.TryGetProperty(field, out _), $"task lacks {field}: {task}");
        Assert.Equal("", task.GetProperty("task_error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Ids_are_k_sortable()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var ids = new List<string>();
        // Back-to-back creates often share a millisecond; their ids must still sort in creation order.
        for (var i = 0; i < 10; i++) ids.Add(await emulator.CreatePreviewAsync(polycount: 200));
        Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), ids);
        Assert.All(ids, id => Assert.Equal(7, Guid.Parse(id).Version));
    }

    public static TheoryData<string, string> InvalidPreviews => new()
    {
        { """{"prompt":"a chair"}""", "mode" },
        { """{"mode":"sketch","prompt":"a chair"}""", "mode" },
        { """{"mode":"preview"}""", "prompt" },
        { """{"mode":"preview","prompt":"   "}""", "prompt" },
        { $$"""{"mode":"preview","prompt":"{{new string('a', 601)}}"}""", "prompt" },
        { """{"mode":"preview","prompt":"a chair","ai_model":"meshy-99"}""", "ai_model" },
        { """{"mode":"preview","prompt":"a chair","ai_model":"meshy-4"}""", "ai_model" },
        { """{"mode":"preview","prompt":"a chair","model_type":"voxel"}""", "model_type" },
        { """{"mode":"preview","prompt":"a chair","topology":"hex"}""", "topology" },
        { """{"mode":"preview","prompt":"a chair","art_style":"cartoon"}""", "art_style" },
        { """{"mode":"preview","prompt":"a chair","symmetry_mode":"sometimes"}""", "symmetry_mode" },
        { """{"mode":"preview","prompt":"a chair","pose_mode":"x-pose"}""", "pose_mode" },
        { """{"mode":"preview","prompt":"a chair","target_polycount":99}""", "target_polycount" },
        { """{"mode":"preview","prompt":"a chair","target_polycount":300001}""", "target_polycount" },
        { """{"mode":"preview","prompt":"a chair","model_type":"smart-topology","target_polycount":20000}""", "target_polycount" },
        { """{"mode":"preview","prompt":"a chair","target_formats":["glb","dwg"]}""", "target_formats" },
        { """{"mode":"preview","prompt":"a chair","target_polycount":"many"}""", "target_polycount" },
        { """{"mode":"preview","prompt":""", "JSON" },
        { """{"mode":"refine"}""", "preview_task_id" },
        { """{"mode":"refine","preview_task_id":"not-a-uuid"}""", "preview_task_id" },
    };

    [Theory]
    [MemberData(nameof(InvalidPreviews))]
    public async Task Invalid_create_gets_400_naming_the_problem(string json, string named)
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var response = await emulator.Client.PostAsync("/openapi/v2/text-to-3d", new StringContent(json, Encoding.UTF8, "application/json"));
        var message = await EmulatorHost.AssertErrorAsync(response, 400);
        Assert.Contains(named, message);
        var created = await emulator.AdminAsync(HttpMethod.Get, "/_emulator/requests");
        Assert.Equal(0, created.GetProperty("tasks_created").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Prompt_of_exactly_600_characters_is_accepted()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var response = await emulator.PostTaskAsync(new { mode = "preview", prompt = new string('b', 600), target_polycount = 100 });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_task_gets_404_on_get_and_delete()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        await EmulatorHost.AssertErrorAsync(await emulator.Client.GetAsync($"/openapi/v2/text-to-3d/{Guid.CreateVersion7()}"), 404);
        await EmulatorHost.AssertErrorAsync(await emulator.Client.DeleteAsync($"/openapi/v2/text-to-3d/{Guid.CreateVersion7()}"), 404);
    }

    [Fact]
    public async Task Refine_of_unknown_preview_is_404_and_of_unfinished_preview_is_400()
    {
        await using var emulator = await EmulatorHost.StartAsync("Emulator:SpeedFactor=0.01");
        var unknown = await emulator.PostTaskAsync(new { mode = "refine", preview_task_id = Guid.CreateVersion7().ToString() });
        await EmulatorHost.AssertErrorAsync(unknown, 404);

        var preview = await emulator.CreatePreviewAsync();
        var early = await emulator.PostTaskAsync(new { mode = "refine", preview_task_id = preview, enable_pbr = true });
        var message = await EmulatorHost.AssertErrorAsync(early, 400);
        Assert.Contains("PENDING", message);
    }

    [Fact]
    public async Task Refine_of_a_refine_task_is_400()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var preview = await emulator.CreatePreviewAsync(polycount: 300);
        await emulator.WaitForTerminalAsync(preview);
        var refine = await emulator.CreateRefineAsync(preview, pbr: false, formats: ["glb"]);
        await emulator.WaitForTerminalAsync(refine);
        var response = await emulator.PostTaskAsync(new { mode = "refine", preview_task_id = refine });
        Assert.Contains("preview task", await EmulatorHost.AssertErrorAsync(response, 400));
    }

    [Fact]
    public async Task List_is_a_bare_array_paged_and_sorted_by_created_at()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add(await emulator.CreatePreviewAsync(prompt: $"cube {i}", polycount: 200));

        async Task<List<string>> Page(string query)
        {
            var response = await emulator.Client.GetAsync("/openapi/v2/text-to-3d?" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await EmulatorHost.ReadJsonAsync(response);
            Assert.Equal(JsonValueKind.Array, body.ValueKind);
            return body.EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToList();
        }

        var ascending = new List<string>();
        ascending.AddRange(await Page("page_num=1&page_size=2&sort_by=%2Bcreated_at"));
        ascending.AddRange(await Page("page_num=2&page_size=2&sort_by=%2Bcreated_at"));
        var last = await Page("page_num=3&page_size=2&sort_by=%2Bcreated_at");
        Assert.Single(last); // shorter than page_size: the end
        ascending.AddRange(last);
        Assert.Equal(ids, ascending);
        Assert.Empty(await Page("page_num=4&page_size=2&sort_by=%2Bcreated_at"));

        Assert.Equal(ids.AsEnumerable().Reverse().Take(3), await Page("page_size=3&sort_by=-created_at"));
        Assert.Equal(ids.AsEnumerable().Reverse(), await Page("")); // default: newest first, 10 per page
        Assert.Equal(ids, await Page("sort_by=+created_at")); // an unescaped '+' arrives as a space
    }

    [Theory]
    [InlineData("page_size=51", "page_size")]
    [InlineData("page_size=0", "page_size")]
    [InlineData("page_num=0", "page_num")]
    [InlineData("page_num=x", "page_num")]
    [InlineData("sort_by=name", "sort_by")]
    public async Task List_rejects_bad_paging(string query, string named)
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var message = await EmulatorHost.AssertErrorAsync(await emulator.Client.GetAsync("/openapi/v2/text-to-3d?" + query), 400);
        Assert.Contains(named, message);
    }

    [Fact]
    public async Task List_accepts_page_size_50()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        await emulator.CreatePreviewAsync(polycount: 100);
        var response = await emulator.Client.GetAsync("/openapi/v2/text-to-3d?page_size=50");
        Assert.Equal(1, (await EmulatorHost.ReadJsonAsync(response)).GetArrayLength());
    }

    [Fact]
    public async Task Delete_removes_the_task_and_its_files()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var id = await emulator.CreatePreviewAsync();
        var done = await emulator.WaitForTerminalAsync(id);
        var glb = done.GetProperty("model_urls").GetProperty("glb").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await emulator.Anonymous.GetAsync(glb)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await emulator.Client.DeleteAsync($"/openapi/v2/text-to-3d/{id}")).StatusCode);
        await EmulatorHost.AssertErrorAsync(await emulator.Client.GetAsync($"/openapi/v2/text-to-3d/{id}"), 404);
        await EmulatorHost.AssertErrorAsync(await emulator.Client.DeleteAsync($"/openapi/v2/text-to-3d/{id}"), 404);
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.Anonymous.GetAsync(glb)).StatusCode);
        var list = await EmulatorHost.ReadJsonAsync(await emulator.Client.GetAsync("/openapi/v2/text-to-3d"));
        Assert.Equal(0, list.GetArrayLength());
    }

    [Fact]
    public async Task Stream_sends_message_events_in_order_and_ends_with_the_full_terminal_object()
    {
        await using var emulator = await EmulatorHost.StartAsync("Emulator:SpeedFactor=20");
        var id = await emulator.CreatePreviewAsync(polycount: 500);
        var events = await SseReader.ReadAllAsync(emulator.Client, $"/openapi/v2/text-to-3d/{id}/stream", TimeSpan.FromSeconds(20));

        Assert.True(events.Count >= 3, $"expected several events, got {events.Count}");
        Assert.All(events, e => Assert.Equal("message", e.Event));
        var tasks = events.Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();
        var progress = tasks.Select(t => t.GetProperty("progress").GetInt32()).ToList();
        Assert.Equal(progress.OrderBy(p => p), progress);
        Assert.Contains(tasks, t => t.GetProperty("status").GetString() == "IN_PROGRESS");
        foreach (var partial in tasks.SkipLast(1))
            Assert.Equal(new[] { "id", "progress", "status" }, partial.EnumerateObject().Select(p => p.Name).Order());

        var terminal = tasks[^1];
        Assert.Equal("SUCCEEDED", terminal.GetProperty("status").GetString());
        Assert.Equal(100, terminal.GetProperty("progress").GetInt32());
        Assert.True(terminal.GetProperty("model_urls").TryGetProperty("glb", out _));
        Assert.True(terminal.GetProperty("finished_at").GetInt64() > 0);
    }

    [Fact]
    public async Task Stream_of_unknown_task_sends_an_error_event()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var events = await SseReader.ReadAllAsync(emulator.Client, $"/openapi/v2/text-to-3d/{Guid.CreateVersion7()}/stream", TimeSpan.FromSeconds(10));
        var error = Assert.Single(events);
        Assert.Equal("error", error.Event);
        var data = JsonDocument.Parse(error.Data).RootElement;
        Assert.Equal(404, data.GetProperty("status_code").GetInt32());
        Assert.Equal("Task not found", data.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Stream_can_pretty_print_over_several_data_lines()
    {
        await using var emulator = await EmulatorHost.StartAsync("Emulator:StreamPrettyPrint=true");
        var id = await emulator.CreatePreviewAsync(polycount: 200);
        var events = await SseReader.ReadAllAsync(emulator.Client, $"/openapi/v2/text-to-3d/{id}/stream", TimeSpan.FromSeconds(10));
        Assert.True(events[^1].DataLines > 3);
        Assert.Equal("SUCCEEDED", JsonDocument.Parse(events[^1].Data).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Balance_drops_by_consumed_credits()
    {
        await using var emulator = await EmulatorHost.StartAsync("Meshy:InitialCredits=100");
        var id = await emulator.CreatePreviewAsync(polycount: 200);
        var task = await emulator.WaitForTerminalAsync(id);
        Assert.Equal(20, task.GetProperty("consumed_credits").GetInt32());
        var balance = await EmulatorHost.ReadJsonAsync(await emulator.Client.GetAsync("/openapi/v1/balance"));
        Assert.Equal(80, balance.GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task Not_enough_credits_gets_402()
    {
        await using var emulator = await EmulatorHost.StartAsync("Meshy:InitialCredits=30");
        await emulator.CreatePreviewAsync(polycount: 200);
        var response = await emulator.PostTaskAsync(new { mode = "preview", prompt = "a chair" });
        await EmulatorHost.AssertErrorAsync(response, 402);
    }
}
