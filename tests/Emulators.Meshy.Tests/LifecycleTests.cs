using System.Text.Json;

namespace Meshy3D.Emulators.Meshy.Tests;

/// <summary>PENDING → IN_PROGRESS → SUCCEEDED with timestamps, queue positions, credits and output keys.</summary>
public sealed class LifecycleTests
{
    private static string Status(JsonElement t) => t.GetProperty("status").GetString()!;

    [Fact]
    public async Task Preview_moves_through_pending_and_in_progress_to_succeeded_with_timestamps()
    {
        // 20×: queue 0.5 s, preview 1 s, slow enough to observe each state even on a busy machine.
        await using var emulator = await EmulatorHost.StartAsync("Emulator:SpeedFactor=20", "Emulator:QueueSeconds=10");
        var id = await emulator.CreatePreviewAsync(polycount: 500);

        var pending = await emulator.GetTaskAsync(id);
        Assert.Equal("PENDING", Status(pending));
        Assert.Equal(0, pending.GetProperty("progress").GetInt32());
        Assert.True(pending.GetProperty("created_at").GetInt64() > 1_700_000_000_000);
        Assert.Equal(0, pending.GetProperty("started_at").GetInt64());
        Assert.Equal(0, pending.GetProperty("finished_at").GetInt64());
        Assert.Empty(pending.GetProperty("model_urls").EnumerateObject());

        var running = await emulator.WaitForAsync(id, t => Status(t) == "IN_PROGRESS" && t.GetProperty("progress").GetInt32() > 0);
        var later = await emulator.WaitForAsync(id, t => Status(t) != "IN_PROGRESS" || t.GetProperty("progress").GetInt32() > running.GetProperty("progress").GetInt32());
        Assert.True(later.GetProperty("progress").GetInt32() > running.GetProperty("progress").GetInt32());

        var done = await emulator.WaitForTerminalAsync(id);
        Assert.Equal("SUCCEEDED", Status(done));
        Assert.Equal(100, done.GetProperty("progress").GetInt32());
        long created = done.GetProperty("created_at").GetInt64(), started = done.GetProperty("started_at").GetInt64(), finished = done.GetProperty("finished_at").GetInt64();
        Assert.True(created <= started && started < finished, $"{created} {started} {finished}");
        Assert.True(finished - started >= 500, "at 20× a 20 s preview takes about a second");
        Assert.Equal(20, done.GetProperty("consumed_credits").GetInt32());
        Assert.Equal("", done.GetProperty("task_error").GetProperty("message").GetString());
        Assert.Empty(done.GetProperty("texture_urls").EnumerateArray());
        Assert.StartsWith(emulator.BaseAddress.ToString().TrimEnd('/'), done.GetProperty("thumbnail_url").GetString());
    }

    [Fact]
    public async Task Queued_tasks_report_preceding_tasks()
    {
        await using var emulator = await EmulatorHost.StartAsync("Emulator:SpeedFactor=0.01", "Emulator:WorkerSlots=1");
        var first = await emulator.CreatePreviewAsync(polycount: 200);
        var second = await emulator.CreatePreviewAsync(polycount: 200);
        var third = await emulator.CreatePreviewAsync(polycount: 200);
        Assert.Equal(0, (await emulator.GetTaskAsync(first)).GetProperty("preceding_tasks").GetInt32());
        Assert.Equal(1, (await emulator.GetTaskAsync(second)).GetProperty("preceding_tasks").GetInt32());
        Assert.Equal(2, (await emulator.GetTaskAsync(third)).GetProperty("preceding_tasks").GetInt32());
    }

    [Fact]
    public async Task Worker_slots_keep_later_tasks_pending_until_a_slot_frees()
    {
        await using var emulator = await EmulatorHost.StartAsync("Emulator:SpeedFactor=10", "Emulator:WorkerSlots=1", "Emulator:QueueSeconds=0");
        var first = await emulator.CreatePreviewAsync(polycount: 200);
        var second = await emulator.CreatePreviewAsync(polycount: 200);
        await emulator.WaitForAsync(first, t => Status(t) == "IN_PROGRESS");
        var waiting = await emulator.GetTaskAsync(second);
        Assert.Equal("PENDING", Status(waiting));
        Assert.Equal(0, waiting.GetProperty("preceding_tasks").GetInt32());
        await emulator.AdminAsync(HttpMethod.Post, "/_emulator/settings", new { speed_factor = 500 });
        var done = await emulator.WaitForTerminalAsync(second);
        Assert.True(done.GetProperty("started_at").GetInt64() >= (await emulator.GetTaskAsync(first)).GetProperty("finished_at").GetInt64());
    }

    [Fact]
    public async Task Refine_with_pbr_gives_all_texture_channels_and_the_requested_formats()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var preview = await emulator.CreatePreviewAsync(polycount: 500, formats: ["glb", "obj"]);
        var previewDone = await emulator.WaitForTerminalAsync(preview);
        Assert.Equal(new[] { "glb", "mtl", "obj" }, previewDone.GetProperty("model_urls").EnumerateObject().Select(p => p.Name).Order());

        var refine = await emulator.CreateRefineAsync(preview, pbr: true, formats: ["glb", "fbx", "obj", "usdz"]);
        var done = await emulator.WaitForTerminalAsync(refine);
        Assert.Equal("SUCCEEDED", Status(done));
        Assert.Equal("text-to-3d-refine", done.GetProperty("type").GetString());
        Assert.Equal(10, done.GetProperty("consumed_credits").GetInt32());
        Assert.Equal("a wooden chair", done.GetProperty("prompt").GetString());
        Assert.Equal(new[] { "fbx", "glb", "mtl", "obj", "usdz" }, done.GetProperty("model_urls").EnumerateObject().Select(p => p.Name).Order());
        var textures = Assert.Single(done.GetProperty("texture_urls").EnumerateArray().ToList());
        Assert.Equal(new[] { "base_color", "metallic", "normal", "roughness" }, textures.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Refine_without_pbr_gives_base_colour_only_and_default_formats()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var preview = await emulator.CreatePreviewAsync(polycount: 300);
        await emulator.WaitForTerminalAsync(preview);
        var refine = await emulator.CreateRefineAsync(preview, pbr: false, texturePrompt: "bright yellow paint");
        var done = await emulator.WaitForTerminalAsync(refine);
        Assert.Equal("bright yellow paint", done.GetProperty("texture_prompt").GetString());
        var textures = Assert.Single(done.GetProperty("texture_urls").EnumerateArray().ToList());
        Assert.Equal("base_color", Assert.Single(textures.EnumerateObject()).Name);
        // Default target_formats: every format but 3mf.
        Assert.Equal(new[] { "fbx", "glb", "mtl", "obj", "stl", "usdz" }, done.GetProperty("model_urls").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Admin_cancel_ends_a_task_CANCELED_and_refunds_it()
    {
        await using var emulator = await EmulatorHost.StartAsync("Emulator:SpeedFactor=0.01");
        var id = await emulator.CreatePreviewAsync(polycount: 200);
        await emulator.AdminAsync(HttpMethod.Post, $"/_emulator/tasks/{id}/cancel");
        var task = await emulator.GetTaskAsync(id);
        Assert.Equal("CANCELED", Status(task));
        Assert.True(task.GetProperty("finished_at").GetInt64() > 0);
        Assert.Equal(0, task.GetProperty("consumed_credits").GetInt32());
    }
}
