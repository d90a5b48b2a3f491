using System.Diagnostics;
using Meshy3D.Generation.Infrastructure.Meshy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Meshy3D.Generation.UnitTests.Meshy;

/// <summary>Following a task over Meshy's Server-Sent Events, and every way a stream can end early.</summary>
public sealed class MeshyStreamTests(MeshyEmulatorFixture fixture) : MeshyEmulatorTests<MeshyEmulatorFixture>(fixture)
{
    // Long enough that a busy test machine does not trip it while the emulator is streaming.
    const string IdleTimeout = "00:00:01.500";

    protected override Dictionary<string, string?> ClientSettings => new() { ["Meshy:StreamIdleTimeout"] = IdleTimeout };

    static Task<string> CreateAsync(MeshyClient client) => client.CreatePreviewAsync(new MeshyPreviewRequest("a clay vase") { TargetPolycount = 500, ShouldRemesh = true, TargetFormats = ["glb"] });

    static async Task<List<MeshyTask>> ReadAllAsync(IAsyncEnumerable<MeshyTask> stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var tasks = new List<MeshyTask>();
        await foreach (var task in stream.WithCancellation(timeout.Token)) tasks.Add(task);
        return tasks;
    }

    static void AssertInOrderEndingAtSuccess(string id, List<MeshyTask> events)
    {
        Assert.True(events.Count >= 2, $"expected progress before the end, got {events.Count} event(s)");
        Assert.All(events, e => Assert.Equal(id, e.Id));
        Assert.Equal(events.Select(e => e.Progress), events.Select(e => e.Progress).Order());
        Assert.Equal(events.Select(e => e.Status), events.Select(e => e.Status).Order());
        Assert.All(events[..^1], e => Assert.False(e.IsTerminal));
        var last = events[^1];
        Assert.Equal(MeshyTaskStatus.Succeeded, last.Status);
        Assert.Equal(100, last.Progress);
        Assert.Contains("glb", last.ModelUrls!.Keys);
    }

    [Fact]
    public async Task Events_arrive_in_order_and_the_stream_ends_at_the_terminal_one()
    {
        await Emulator.SetSettingsAsync(new { speed_factor = 60 });
        var id = await CreateAsync(Client);

        var events = await ReadAllAsync(Client.StreamTaskAsync(id));

        AssertInOrderEndingAtSuccess(id, events);
        Assert.Equal(1, await Emulator.CountAsync("stream"));
    }

    [Fact]
    public async Task Pretty_printed_events_spread_over_several_data_lines_are_joined()
    {
        await using var pretty = await MeshyEmulatorHost.StartAsync("Emulator:StreamPrettyPrint=true", "Emulator:SpeedFactor=60");
        using var host = pretty.NewClient(new() { ["Meshy:StreamIdleTimeout"] = IdleTimeout });
        var id = await CreateAsync(host.Client);

        var events = await ReadAllAsync(host.Client.StreamTaskAsync(id));

        AssertInOrderEndingAtSuccess(id, events);
    }

    [Fact]
    public async Task A_finished_task_streams_just_its_final_state()
    {
        var id = await CreateAsync(Client);
        await MeshyEmulatorHost.WaitForTerminalAsync(Client, id);

        var events = await ReadAllAsync(Client.StreamTaskAsync(id));

        Assert.Equal(MeshyTaskStatus.Succeeded, Assert.Single(events).Status);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_stream_that_drops_before_the_end_is_a_Network_error(bool abort)
    {
        await Emulator.SetSettingsAsync(new { speed_factor = 20 });
        await Emulator.SetFaultsAsync(new { stream_drop = new { after_events = 2, abort, count = 1 } });
        var id = await CreateAsync(Client);
        var seen = new List<MeshyTask>();

        var error = await Assert.ThrowsAsync<MeshyApiException>(async () =>
        {
            await foreach (var task in Client.StreamTaskAsync(id)) seen.Add(task);
        });

        Assert.Equal(MeshyErrorKind.Network, error.Kind);
        Assert.True(error.IsTransient);
        Assert.NotEmpty(seen);
        Assert.DoesNotContain(seen, t => t.IsTerminal);
    }

    [Fact]
    public async Task A_stream_that_goes_silent_is_a_Timeout_after_StreamIdleTimeout()
    {
        // The task stalls for 8 s and the emulator repeats nothing for 10 s; the client waits 1.5 s.
        await Emulator.SetFaultsAsync(new { stall = new { at_progress = 20, duration_ms = 8000, count = 1 } });
        var id = await CreateAsync(Client);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<MeshyApiException>(() => ReadAllAsync(Client.StreamTaskAsync(id)));

        Assert.Equal(MeshyErrorKind.Timeout, error.Kind);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(7), $"gave up after {watch.Elapsed}");
    }

    [Fact]
    public async Task An_error_event_after_the_200_is_mapped_like_an_HTTP_error()
    {
        var error = await Assert.ThrowsAsync<MeshyApiException>(() => ReadAllAsync(Client.StreamTaskAsync(Guid.NewGuid().ToString())));

        Assert.Equal(MeshyErrorKind.NotFound, error.Kind);
        Assert.Equal(404, error.StatusCode);
        Assert.Equal("Task not found", error.MeshyMessage);
    }

    [Fact]
    public async Task An_HTTP_error_before_the_stream_is_mapped_too()
    {
        using var host = Emulator.NewClient(new() { ["Meshy:ApiKey"] = "msy_not_a_key" });

        var error = await Assert.ThrowsAsync<MeshyApiException>(() => ReadAllAsync(host.Client.StreamTaskAsync("any")));

        Assert.Equal(MeshyErrorKind.Unauthorized, error.Kind);
    }

    [Fact]
    public async Task Opening_a_stream_is_retried_like_any_get()
    {
        var id = await CreateAsync(Client);
        await Emulator.SetFaultsAsync(new { errors = new[] { new { status = 503, count = 1, operations = new[] { "stream" } } } });

        var events = await ReadAllAsync(Client.StreamTaskAsync(id));

        Assert.True(events[^1].IsTerminal);
        Assert.Equal(2, await Emulator.CountAsync("stream"));
    }

    [Fact]
    public async Task The_callers_cancellation_ends_the_stream_as_a_cancellation()
    {
        await Emulator.SetSettingsAsync(new { speed_factor = 1 });
        var id = await CreateAsync(Client);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in Client.StreamTaskAsync(id, cancel.Token)) { }
        });
    }

    // Framing the emulator does not produce: CRLF, comments, "data:" without a space, id/retry fields,
    // unknown events, an event without data, and a progress event without the id and with an unknown status.
    [Fact]
    public async Task Framing_follows_the_SSE_spec()
    {
        const string body =
            ": keep-alive comment\r\n\r\n" +
            "event: message\r\nid: 1\r\ndata:{\"id\":\"t-1\",\"status\":\"PENDING\",\r\ndata: \"progress\":0}\r\n\r\n" +
            "event: ping\ndata: {}\n\n" +
            "event: message\n\n" +
            "retry: 1000\ndata: {\"status\":\"WARMING_UP\",\"progress\":5}\n\n" +
            "data: {\"id\":\"t-1\",\"status\":\"SUCCEEDED\",\"progress\":100,\"model_urls\":{\"glb\":\"https://assets/x.glb\"}}\n\n" +
            "data: {\"id\":\"t-1\",\"status\":\"SUCCEEDED\"}\n\n";
        await using var meshy = await MeshyWireStub.StartAsync(app => app.MapGet("/openapi/v2/text-to-3d/{id}/stream", () => Results.Text(body, "text/event-stream")));

        var events = await ReadAllAsync(meshy.Client.StreamTaskAsync("t-1"));

        Assert.Equal([MeshyTaskStatus.Pending, MeshyTaskStatus.Unknown, MeshyTaskStatus.Succeeded], events.Select(e => e.Status));
        Assert.Equal([0, 5, 100], events.Select(e => e.Progress));
        Assert.All(events, e => Assert.Equal("t-1", e.Id));
        Assert.Equal("https://assets/x.glb", events[^1].ModelUrls!["glb"]);
    }

    [Fact]
    public async Task A_stream_that_ends_cleanly_before_a_terminal_event_is_a_Network_error()
    {
        await using var meshy = await MeshyWireStub.StartAsync(app => app.MapGet("/openapi/v2/text-to-3d/{id}/stream",
            () => Results.Text("data: {\"id\":\"t-1\",\"status\":\"IN_PROGRESS\",\"progress\":40}\n\ndata: {\"id\":\"t-1\",\"status\":\"IN_PR", "text/event-stream")));
        var seen = new List<MeshyTask>();

        var error = await Assert.ThrowsAsync<MeshyApiException>(async () =>
        {
            await foreach (var task in meshy.Client.StreamTaskAsync("t-1")) seen.Add(task);
        });

        Assert.Equal(MeshyErrorKind.Network, error.Kind);
        Assert.Equal(40, Assert.Single(seen).Progress);
    }

    [Fact]
    public async Task An_unreadable_event_is_Malformed()
    {
        await using var meshy = await MeshyWireStub.StartAsync(app => app.MapGet("/openapi/v2/text-to-3d/{id}/stream",
            () => Results.Text("data: {\"id\":\"t-1\",\"status\":\n\n", "text/event-stream")));

        var error = await Assert.ThrowsAsync<MeshyApiException>(() => ReadAllAsync(meshy.Client.StreamTaskAsync("t-1")));

        Assert.Equal(MeshyErrorKind.Malformed, error.Kind);
    }
}
