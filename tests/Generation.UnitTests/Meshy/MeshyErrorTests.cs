using System.Net;
using System.Net.Sockets;
using Meshy3D.Generation.Infrastructure.Meshy;

namespace Meshy3D.Generation.UnitTests.Meshy;

/// <summary>Every way Meshy says no, as the emulator says it, mapped to a typed error.</summary>
public sealed class MeshyErrorTests(LowCreditMeshyEmulatorFixture fixture) : MeshyEmulatorTests<LowCreditMeshyEmulatorFixture>(fixture)
{
    static MeshyPreviewRequest Preview(string prompt = "a teapot") => new(prompt) { TargetPolycount = 500, ShouldRemesh = true, TargetFormats = ["glb"] };

    [Fact]
    public async Task Invalid_input_is_a_BadRequest_with_Meshys_message()
    {
        var tooLong = await Assert.ThrowsAsync<MeshyApiException>(() => Client.CreatePreviewAsync(Preview(new string('x', 601))));
        // Only arrives as target_polycount if the client writes snake_case.
        var polycount = await Assert.ThrowsAsync<MeshyApiException>(() => Client.CreatePreviewAsync(Preview() with { TargetPolycount = 50 }));

        Assert.Equal(MeshyErrorKind.BadRequest, tooLong.Kind);
        Assert.Equal(400, tooLong.StatusCode);
        Assert.Contains("too long", tooLong.MeshyMessage);
        Assert.False(tooLong.IsTransient);
        Assert.False(tooLong.MayHaveCreatedTask);
        Assert.Equal(MeshyErrorKind.BadRequest, polycount.Kind);
        Assert.Contains("target_polycount", polycount.MeshyMessage);
    }

    [Fact]
    public async Task A_refine_of_an_unfinished_preview_is_a_BadRequest_and_of_an_unknown_one_NotFound()
    {
        await Emulator.SetSettingsAsync(new { speed_factor = 0.5 });
        var preview = await Client.CreatePreviewAsync(Preview());

        var notReady = await Assert.ThrowsAsync<MeshyApiException>(() => Client.CreateRefineAsync(new MeshyRefineRequest(preview)));
        var unknown = await Assert.ThrowsAsync<MeshyApiException>(() => Client.CreateRefineAsync(new MeshyRefineRequest(Guid.NewGuid().ToString())));

        Assert.Equal(MeshyErrorKind.BadRequest, notReady.Kind);
        Assert.Contains("not ready", notReady.MeshyMessage);
        Assert.Equal(MeshyErrorKind.NotFound, unknown.Kind);
    }

    [Fact]
    public async Task A_wrong_key_is_Unauthorized()
    {
        using var host = Emulator.NewClient(new() { ["Meshy:ApiKey"] = "msy_not_a_key" });

        var error = await Assert.ThrowsAsync<MeshyApiException>(() => host.Client.ListTasksAsync(1, 10, newestFirst: true));

        Assert.Equal(MeshyErrorKind.Unauthorized, error.Kind);
        Assert.Equal(401, error.StatusCode);
        Assert.Equal("Invalid API key", error.MeshyMessage);
        Assert.Equal(1, await Emulator.CountAsync("list"));
    }

    [Fact]
    public async Task Running_out_of_credits_is_PaymentRequired()
    {
        await Client.CreatePreviewAsync(Preview()); // 20 of the 30 credits

        var error = await Assert.ThrowsAsync<MeshyApiException>(() => Client.CreatePreviewAsync(Preview()));

        Assert.Equal(MeshyErrorKind.PaymentRequired, error.Kind);
        Assert.Equal(402, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.False(error.MayHaveCreatedTask);
    }

    [Theory]
    [InlineData(403, MeshyErrorKind.Forbidden, false)]
    [InlineData(404, MeshyErrorKind.NotFound, false)]
    [InlineData(500, MeshyErrorKind.ServerError, true)]
    [InlineData(503, MeshyErrorKind.ServerError, true)]
    public async Task Statuses_map_to_kinds(int status, MeshyErrorKind kind, bool transient)
    {
        await Emulator.SetFaultsAsync(new { errors = new[] { new { status, message = $"injected {status}", operations = new[] { "get" } } } });

        var error = await Assert.ThrowsAsync<MeshyApiException>(() => Client.GetTaskAsync(Guid.NewGuid().ToString()));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal($"injected {status}", error.MeshyMessage);
        Assert.Equal(transient, error.IsTransient);
        Assert.False(error.MayHaveCreatedTask);
    }

    [Fact]
    public async Task A_full_queue_is_QueueFull_and_distinct_from_a_rate_limit()
    {
        await Emulator.SetSettingsAsync(new { max_concurrent_tasks = 1, speed_factor = 0.5 });
        await Client.CreatePreviewAsync(Preview());

        var queueFull = await Assert.ThrowsAsync<MeshyApiException>(() => Client.CreatePreviewAsync(Preview()));
        await Emulator.SetFaultsAsync(new { errors = new[] { new { status = 429, message = "RateLimitExceeded", count = 1, operations = new[] { "create" } } } });
        var rateLimited = await Assert.ThrowsAsync<MeshyApiException>(() => Client.CreatePreviewAsync(Preview()));

        Assert.Equal(MeshyErrorKind.QueueFull, queueFull.Kind);
        Assert.Equal("NoMoreConcurrentTasks", queueFull.MeshyMessage);
        Assert.False(queueFull.IsTransient);
        Assert.Equal(MeshyErrorKind.RateLimited, rateLimited.Kind);
        Assert.True(rateLimited.IsTransient);
        Assert.All(new[] { queueFull, rateLimited }, e => Assert.Equal(429, e.StatusCode));
        Assert.All(new[] { queueFull, rateLimited }, e => Assert.False(e.MayHaveCreatedTask));
        Assert.Equal(3, await Emulator.CountAsync("create"));
    }

    [Fact]
    public async Task NoMorePendingTasks_is_also_QueueFull()
    {
        await Emulator.SetFaultsAsync(new { errors = new[] { new { status = 429, message = "NoMorePendingTasks", count = 1, operations = new[] { "create" } } } });

        var error = await Assert.ThrowsAsync<MeshyApiException>(() => Client.CreatePreviewAsync(Preview()));

        Assert.Equal(MeshyErrorKind.QueueFull, error.Kind);
    }

    [Fact]
    public async Task A_create_answered_with_a_5xx_may_have_made_its_task()
    {
        await Emulator.SetFaultsAsync(new { errors = new[] { new { status = 502, count = 1, operations = new[] { "create" } } } });

        var error = await Assert.ThrowsAsync<MeshyApiException>(() => Client.CreatePreviewAsync(Preview()));

        Assert.Equal(MeshyErrorKind.ServerError, error.Kind);
        Assert.True(error.MayHaveCreatedTask);
        Assert.Equal(1, await Emulator.CountAsync("create"));
    }

    [Fact]
    public async Task An_attempt_that_outlives_RequestTimeout_is_a_Timeout_and_a_create_may_have_gone_through()
    {
        using var host = Emulator.NewClient(new() { ["Meshy:RequestTimeout"] = "00:00:00.300", ["Meshy:MaxRetries"] = "0" });
        await Emulator.SetFaultsAsync(new { delay = new { delay_ms = 10_000, operations = new[] { "get", "create" } } });

        var started = DateTime.UtcNow;
        var get = await Assert.ThrowsAsync<MeshyApiException>(() => host.Client.GetTaskAsync(Guid.NewGuid().ToString()));
        var create = await Assert.ThrowsAsync<MeshyApiException>(() => host.Client.CreatePreviewAsync(Preview()));

        Assert.Equal(MeshyErrorKind.Timeout, get.Kind);
        Assert.True(get.IsTransient);
        Assert.False(get.MayHaveCreatedTask);
        Assert.Equal(MeshyErrorKind.Timeout, create.Kind);
        Assert.True(create.MayHaveCreatedTask);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(8), "each attempt should be cut at 300 ms, long before the 10 s delay");
    }

    [Fact]
    public async Task The_callers_cancellation_stays_a_cancellation()
    {
        await Emulator.SetFaultsAsync(new { delay = new { delay_ms = 10_000, operations = new[] { "get" } } });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.GetTaskAsync(Guid.NewGuid().ToString(), cancel.Token));
    }

    [Fact]
    public async Task A_refused_connection_is_a_Network_error_and_the_create_certainly_did_not_happen()
    {
        using var host = MeshyClientHost.Create(new Uri($"http://127.0.0.1:{UnusedPort()}"), new() { ["Meshy:MaxRetries"] = "1" });

        var get = await Assert.ThrowsAsync<MeshyApiException>(() => host.Client.GetTaskAsync("any"));
        var create = await Assert.ThrowsAsync<MeshyApiException>(() => host.Client.CreatePreviewAsync(Preview()));

        Assert.Equal(MeshyErrorKind.Network, get.Kind);
        Assert.True(get.IsTransient);
        Assert.Equal(MeshyErrorKind.Network, create.Kind);
        Assert.False(create.MayHaveCreatedTask);
    }

    static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>An account with 30 credits: one preview (20) fits, a second does not.</summary>
public sealed class LowCreditMeshyEmulatorFixture : MeshyEmulatorFixture
{
    protected override string[] Settings => ["Meshy:InitialCredits=30"];
}
