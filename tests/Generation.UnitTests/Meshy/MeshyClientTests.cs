using Meshy3D.Generation.Infrastructure.Meshy;

namespace Meshy3D.Generation.UnitTests.Meshy;

/// <summary>Every operation of the client against the emulator, over HTTP.</summary>
public sealed class MeshyClientTests(MeshyEmulatorFixture fixture) : MeshyEmulatorTests<MeshyEmulatorFixture>(fixture)
{
    protected override Dictionary<string, string?> ClientSettings => new() { ["Meshy:LookupClockSkew"] = "00:00:00.200" };

    static MeshyPreviewRequest Preview(string prompt = "a wooden chair") =>
        new(prompt) { TargetPolycount = 500, ShouldRemesh = true, TargetFormats = ["glb", "obj"] };

    [Fact]
    public async Task A_preview_then_a_refine_run_to_success_with_their_assets()
    {
        var previewId = await Client.CreatePreviewAsync(Preview());
        var preview = await MeshyEmulatorHost.WaitForTerminalAsync(Client, previewId);

        Assert.Equal(previewId, preview.Id);
        Assert.Equal(MeshyTaskTypes.Preview, preview.Type);
        Assert.Equal(MeshyTaskStatus.Succeeded, preview.Status);
        Assert.Equal(100, preview.Progress);
        Assert.Equal("a wooden chair", preview.Prompt);
        Assert.Equal(["glb", "mtl", "obj"], preview.ModelUrls!.Keys.Order());
        Assert.StartsWith(Emulator.BaseAddress.ToString(), preview.ModelUrls["glb"]);
        Assert.False(string.IsNullOrEmpty(preview.ThumbnailUrl));
        Assert.NotNull(preview.CreatedAt);
        Assert.True(preview.FinishedAt >= preview.StartedAt && preview.StartedAt >= preview.CreatedAt);
        Assert.Equal(20, preview.ConsumedCredits);

        var refineId = await Client.CreateRefineAsync(new MeshyRefineRequest(previewId) { EnablePbr = true, TexturePrompt = "dark oak", TargetFormats = ["glb"] });
        var refine = await MeshyEmulatorHost.WaitForTerminalAsync(Client, refineId);

        Assert.Equal(MeshyTaskTypes.Refine, refine.Type);
        Assert.Equal(MeshyTaskStatus.Succeeded, refine.Status);
        Assert.Equal("dark oak", refine.TexturePrompt);
        Assert.Equal(["glb"], refine.ModelUrls!.Keys);
        var textures = Assert.Single(refine.TextureUrls!);
        Assert.Contains("base_color", textures.Keys);
        Assert.Contains("metallic", textures.Keys);
        Assert.Equal(string.Empty, refine.TaskError?.Message);
    }

    [Fact]
    public async Task A_failed_task_carries_Meshys_reason()
    {
        await Emulator.SetFaultsAsync(new { fail = new { count = 1, message = "The mesh could not be built", type = "server_error", code = "timeout", at_progress = 30 } });

        var id = await Client.CreatePreviewAsync(Preview());
        var task = await MeshyEmulatorHost.WaitForTerminalAsync(Client, id);

        Assert.Equal(MeshyTaskStatus.Failed, task.Status);
        Assert.True(task.IsTerminal);
        Assert.Equal("The mesh could not be built", task.TaskError?.Message);
        Assert.Equal("server_error", task.TaskError?.Type);
        Assert.Equal("timeout", task.TaskError?.Code);
    }

    [Fact]
    public async Task Lists_page_newest_or_oldest_first()
    {
        var first = await Client.CreatePreviewAsync(Preview("first"));
        var second = await Client.CreatePreviewAsync(Preview("second"));
        var third = await Client.CreatePreviewAsync(Preview("third"));

        var newest = await Client.ListTasksAsync(1, 2, newestFirst: true);
        var rest = await Client.ListTasksAsync(2, 2, newestFirst: true);
        var oldest = await Client.ListTasksAsync(1, 50, newestFirst: false);

        Assert.Equal([third, second], newest.Select(t => t.Id));
        Assert.Equal([first], rest.Select(t => t.Id));
        Assert.Equal([first, second, third], oldest.Select(t => t.Id));
        Assert.Equal(["first", "second", "third"], oldest.Select(t => t.Prompt));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Client.ListTasksAsync(1, 51, newestFirst: true));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Client.ListTasksAsync(0, 10, newestFirst: true));
    }

    [Fact]
    public async Task A_deleted_task_is_gone_and_deleting_it_again_is_not_an_error()
    {
        var id = await Client.CreatePreviewAsync(Preview());
        await MeshyEmulatorHost.WaitForTerminalAsync(Client, id);

        await Client.DeleteTaskAsync(id);
        var gone = await Assert.ThrowsAsync<MeshyApiException>(() => Client.GetTaskAsync(id));
        await Client.DeleteTaskAsync(id);

        Assert.Equal(MeshyErrorKind.NotFound, gone.Kind);
        Assert.Equal(2, await Emulator.CountAsync("delete"));
        Assert.Empty(await Client.ListTasksAsync(1, 10, newestFirst: true));
    }

    [Fact]
    public async Task FindRecentTask_finds_a_task_created_moments_ago_but_not_an_older_one_with_the_same_prompt()
    {
        const string prompt = "a brass lantern";
        var older = await Client.CreatePreviewAsync(Preview(prompt));
        await Task.Delay(700); // well past the 200 ms clock skew allowed in this test
        var sentAt = DateTimeOffset.UtcNow;

        Assert.Null(await Client.FindRecentTaskAsync(prompt, MeshyTaskTypes.Preview, sentAt));

        var recent = await Client.CreatePreviewAsync(Preview(prompt));
        await Client.CreatePreviewAsync(Preview("a different prompt"));

        var found = await Client.FindRecentTaskAsync(prompt, MeshyTaskTypes.Preview, sentAt);
        Assert.Equal(recent, found?.Id);
        Assert.NotEqual(older, found?.Id);
        Assert.Null(await Client.FindRecentTaskAsync(prompt, MeshyTaskTypes.Refine, sentAt));
    }

    [Fact]
    public async Task FindRecentTask_reads_further_pages_until_the_tasks_are_too_old()
    {
        await Emulator.SetSettingsAsync(new { max_concurrent_tasks = 100 });
        var sentAt = DateTimeOffset.UtcNow;
        var wanted = await Client.CreatePreviewAsync(Preview("the one we lost"));
        for (var i = 0; i < MeshyClient.MaxPageSize; i++) await Client.CreatePreviewAsync(Preview($"noise {i}"));
        await Emulator.ClearRequestsAsync();

        var found = await Client.FindRecentTaskAsync("the one we lost", MeshyTaskTypes.Preview, sentAt);

        Assert.Equal(wanted, found?.Id);
        Assert.Equal(2, await Emulator.CountAsync("list"));
    }
}
