using System.Diagnostics;
using Meshy3D.Generation.Infrastructure.Meshy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Meshy3D.Generation.UnitTests.Meshy;

/// <summary>What the client's own pipeline repeats (safe requests) and what it never does (creates).</summary>
public sealed class MeshyRetryTests(MeshyEmulatorFixture fixture) : MeshyEmulatorTests<MeshyEmulatorFixture>(fixture)
{
    static object Errors(int status, string? message, int count, string operation) =>
        new { errors = new[] { new { status, message, count, operations = new[] { operation } } } };

    async Task<string> CreatedTaskAsync()
    {
        var id = await Client.CreatePreviewAsync(new MeshyPreviewRequest("a stool") { TargetFormats = ["glb"] });
        await Emulator.ClearRequestsAsync();
        return id;
    }

    [Fact]
    public async Task A_get_rides_out_a_5xx_storm()
    {
        var id = await CreatedTaskAsync();
        await Emulator.SetFaultsAsync(new { errors = new[] { new { status = 503, count = 2, operations = new[] { "get" } }, new { status = 500, count = 1, operations = new[] { "get" } } } });

        var task = await Client.GetTaskAsync(id);

        Assert.Equal(id, task.Id);
        Assert.Equal(4, await Emulator.CountAsync("get"));
    }

    [Fact]
    public async Task A_get_rides_out_a_rate_limit()
    {
        var id = await CreatedTaskAsync();
        await Emulator.SetFaultsAsync(Errors(429, "RateLimitExceeded", 2, "get"));

        var task = await Client.GetTaskAsync(id);

        Assert.Equal(id, task.Id);
        Assert.Equal(3, await Emulator.CountAsync("get"));
    }

    [Fact]
    public async Task Lists_and_deletes_are_retried_too()
    {
        var id = await CreatedTaskAsync();
        await Emulator.SetFaultsAsync(new { errors = new[] { new { status = 502, count = 1, operations = new[] { "list" } }, new { status = 504, count = 1, operations = new[] { "delete" } } } });

        var tasks = await Client.ListTasksAsync(1, 10, newestFirst: true);
        await Client.DeleteTaskAsync(id);

        Assert.Equal([id], tasks.Select(t => t.Id));
        Assert.Equal(2, await Emulator.CountAsync("list"));
        Assert.Equal(2, await Emulator.CountAsync("delete"));
        await Assert.ThrowsAsync<MeshyApiException>(() => Client.GetTaskAsync(id));
    }

    [Fact]
    public async Task A_storm_longer_than_MaxRetries_surfaces_as_a_ServerError()
    {
        using var host = Emulator.NewClient(new() { ["Meshy:MaxRetries"] = "2" });
        var id = await CreatedTaskAsync();
        await Emulator.SetFaultsAsync(Errors(500, null, 10, "get"));

        var error = await Assert.ThrowsAsync<MeshyApiException>(() => host.Client.GetTaskAsync(id));

        Assert.Equal(MeshyErrorKind.ServerError, error.Kind);
        Assert.Equal(3, await Emulator.CountAsync("get"));
    }

    [Theory]
    [InlineData(500, null)]
    [InlineData(503, null)]
    [InlineData(429, "RateLimitExceeded")]
    public async Task A_create_is_never_retried(int status, string? message)
    {
        await Emulator.SetFaultsAsync(Errors(status, message, 1, "create"));

        var error = await Assert.ThrowsAsync<MeshyApiException>(() => Client.CreatePreviewAsync(new MeshyPreviewRequest("a stool")));

        Assert.True(error.IsTransient);
        Assert.Equal(1, await Emulator.CountAsync("create"));
        Assert.Empty(await Client.ListTasksAsync(1, 10, newestFirst: true));
    }

    [Fact]
    public async Task Client_errors_are_not_retried()
    {
        await Assert.ThrowsAsync<MeshyApiException>(() => Client.GetTaskAsync(Guid.NewGuid().ToString()));

        Assert.Equal(1, await Emulator.CountAsync("get"));
    }

    [Fact]
    public async Task An_attempt_that_hangs_is_cut_and_retried()
    {
        using var host = Emulator.NewClient(new() { ["Meshy:RequestTimeout"] = "00:00:00.300" });
        var id = await CreatedTaskAsync();
        await Emulator.SetFaultsAsync(new { delay = new { delay_ms = 10_000, count = 1, operations = new[] { "get" } } });
        var watch = Stopwatch.StartNew();

        var task = await host.Client.GetTaskAsync(id);

        Assert.Equal(id, task.Id);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"took {watch.Elapsed}, as if the 10 s attempt had been waited out");
    }

    // The emulator sends no Retry-After (Meshy documents none), so these use a stub of the wire.

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Retry_After_is_honoured_as_seconds_or_a_date(bool asDate)
    {
        var attempts = 0;
        await using var meshy = await MeshyWireStub.StartAsync(app => app.MapGet("/openapi/v2/text-to-3d/{id}", (string id, HttpResponse response) =>
        {
            if (Interlocked.Increment(ref attempts) > 1) return Results.Json(new { id, status = "PENDING" });
            // An HTTP date has whole seconds, so "now + 2 s" means a wait of at least one second.
            response.Headers.RetryAfter = asDate ? DateTimeOffset.UtcNow.AddSeconds(2).ToString("R") : "1";
            return Results.Json(new { message = "RateLimitExceeded" }, statusCode: 429);
        }));
        var watch = Stopwatch.StartNew();

        var task = await meshy.Client.GetTaskAsync("t-1");

        Assert.Equal(MeshyTaskStatus.Pending, task.Status);
        Assert.Equal(2, attempts);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {watch.Elapsed}, before Retry-After");
    }

    [Fact]
    public async Task A_Retry_After_beyond_MaxRetryDelay_is_left_to_the_caller()
    {
        var attempts = 0;
        await using var meshy = await MeshyWireStub.StartAsync(app => app.MapGet("/openapi/v2/text-to-3d/{id}", (HttpResponse response) =>
        {
            Interlocked.Increment(ref attempts);
            response.Headers.RetryAfter = "120";
            return Results.Json(new { message = "RateLimitExceeded" }, statusCode: 429);
        }));

        var error = await Assert.ThrowsAsync<MeshyApiException>(() => meshy.Client.GetTaskAsync("t-1"));

        Assert.Equal(MeshyErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Equal(1, attempts);
    }
}
