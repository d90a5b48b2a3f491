using System.Net;

namespace Meshy3D.Emulators.Meshy.Tests;

/// <summary>The request log other tests use to assert how much Meshy was called, and reset.</summary>
public sealed class AdminTests
{
    [Fact]
    public async Task Request_log_counts_per_operation_key_status_and_tasks_created()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var id = await emulator.CreatePreviewAsync(polycount: 200);
        var done = await emulator.WaitForTerminalAsync(id);
        await emulator.Client.GetAsync("/openapi/v2/text-to-3d");
        await emulator.Anonymous.GetAsync("/openapi/v2/text-to-3d");
        await emulator.Anonymous.GetAsync(done.GetProperty("model_urls").GetProperty("glb").GetString());

        var log = await emulator.AdminAsync(HttpMethod.Get, "/_emulator/requests");
        var gets = log.GetProperty("by_operation").GetProperty("get").GetInt32();
        Assert.True(gets >= 1);
        Assert.Equal(1, log.GetProperty("by_operation").GetProperty("create").GetInt32());
        Assert.Equal(2, log.GetProperty("by_operation").GetProperty("list").GetInt32());
        Assert.Equal(1 + gets + 1, log.GetProperty("by_key").GetProperty(EmulatorHost.TestKey).GetInt32());
        Assert.Equal(1, log.GetProperty("by_key").GetProperty("(none)").GetInt32());
        Assert.Equal(1, log.GetProperty("by_status").GetProperty("401").GetInt32());
        Assert.Equal(1, log.GetProperty("by_status").GetProperty("202").GetInt32());
        Assert.Equal(1, log.GetProperty("tasks_created").GetProperty("preview").GetInt32());
        Assert.Equal(0, log.GetProperty("tasks_created").GetProperty("refine").GetInt32());
        Assert.Equal(1, log.GetProperty("asset_downloads").GetInt32());
        Assert.Equal(log.GetProperty("total").GetInt32(), log.GetProperty("recent").GetArrayLength());
        Assert.Equal(2 + gets + 1, log.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Reset_forgets_tasks_log_and_settings()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var id = await emulator.CreatePreviewAsync(polycount: 200);
        await emulator.AdminAsync(HttpMethod.Post, "/_emulator/settings", new { speed_factor = 3 });
        await emulator.AdminAsync(HttpMethod.Post, "/_emulator/reset");

        Assert.Equal(200, (await emulator.AdminAsync(HttpMethod.Get, "/_emulator/settings")).GetProperty("speed_factor").GetDouble());
        Assert.Equal(0, (await emulator.AdminAsync(HttpMethod.Get, "/_emulator/requests")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.Client.GetAsync($"/openapi/v2/text-to-3d/{id}")).StatusCode);
        Assert.Equal(0, (await emulator.AdminAsync(HttpMethod.Get, "/_emulator/tasks")).GetArrayLength());
    }

    [Fact]
    public async Task Admin_api_is_outside_meshy_paths_and_can_be_switched_off()
    {
        await using var emulator = await EmulatorHost.StartAsync("Emulator:AdminApiEnabled=false");
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.Anonymous.GetAsync("/_emulator/requests")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await emulator.Client.GetAsync("/openapi/v2/text-to-3d")).StatusCode);
    }

    [Fact]
    public async Task Invalid_configuration_fails_at_start()
    {
        await Assert.ThrowsAnyAsync<Microsoft.Extensions.Options.OptionsValidationException>(async () =>
        {
            await using var emulator = await EmulatorHost.StartAsync("Emulator:SpeedFactor=0");
        });
    }
}
