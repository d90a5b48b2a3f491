using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Meshy3D.Contracts;
using Meshy3D.Generation.Infrastructure;
using Meshy3D.Generation.IntegrationEvents;
using Meshy3D.Generation.Jobs;
using Meshy3D.Generation.Model;
using Meshy3D.ServiceDefaults.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meshy3D.Generation.Apis;

/// <summary>
/// GET /api/generations/{id}/events: the job's timeline as Server-Sent Events. Each timeline event carries its
/// sequence as its id, so a reconnecting browser (Last-Event-ID) gets exactly what it missed; while the job
/// waits for a Meshy slot, "queue" events (no id: they are state, not history) say its place in line;
/// heartbeat comments keep it open (<see cref="JobStreamHeartbeat"/>); it ends shortly after the job does
/// (<see cref="GenerationRunnerOptions.StreamEndDelay"/>), and a reconnect after the end gets 204 No Content.
/// </summary>
public static class JobEventsStream
{
    public static async Task<IResult> StreamJobEvents(Guid id, HttpContext http, ClaimsPrincipal caller, GenerationDbContext db,
        JobEventHub hub, IOptions<GenerationRunnerOptions> options, CancellationToken cancellationToken)
    {
        // Subscribe before reading the stored timeline, so no event falls between the replay and the live feed.
        using var subscription = hub.Subscribe(id);
        var callerId = caller.CallerId();
        var job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id && j.OwnerId == callerId, cancellationToken);
        if (job is null) return TypedResults.NotFound();

        var lastSent = http.Request.LastEventId();
        // A browser reconnecting after the job's last event: 204 is how SSE tells an EventSource to stop reconnecting.
        if (job.IsTerminal && job.Timeline.All(e => e.Sequence <= lastSent)) return TypedResults.NoContent();
        var response = http.Response;
        response.StartEventStream();
        await response.SendAsync(JobEventFrames.Preamble, cancellationToken);

        lastSent = await ReplayAsync(response, job, lastSent, cancellationToken);
        if (job.IsTerminal) return Results.Empty;
        await response.SendAsync(EventStreams.LiveMarker, cancellationToken);
        var place = await db.PlaceOfAsync(job, cancellationToken);
        if (place is not null) await response.SendAsync(JobEventFrames.Queue(place), cancellationToken);

        while (true)
        {
            await subscription.WaitAsync(cancellationToken);
            while (subscription.TryRead(out var update))
            {
                if (update.Entry is { } entry)
                {
                    if (entry.Sequence <= lastSent) continue;
                    if (entry.Sequence == lastSent + 1)
                    {
                        await response.SendAsync(update.Frame, cancellationToken);
                        lastSent = entry.Sequence;
                        if (JobEventFrames.IsTerminal(entry.Status)) return await EndAsync();
                        continue;
                    }
                }
                else if (update != JobUpdate.Missed)
                {
                    // A heartbeat, or a place in line (sent only when it changed).
                    if (update.Place is { } moved && moved == place) continue;
                    place = update.Place ?? place;
                    await response.SendAsync(update.Frame, cancellationToken);
                    continue;
                }
                // Updates were lost to this watcher, or events from several instances overtook each other: fill the gap from the database.
                var stored = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == id, cancellationToken);
                lastSent = await ReplayAsync(response, stored, lastSent, cancellationToken);
                if (stored.IsTerminal) return await EndAsync();
            }
        }

        async Task<IResult> EndAsync()
        {
            await Task.Delay(options.Value.StreamEndDelay, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return Results.Empty;
        }
    }

    static async Task<int> ReplayAsync(HttpResponse response, GenerationJob job, int lastSent, CancellationToken cancellationToken)
    {
        foreach (var entry in job.Timeline.Where(e => e.Sequence > lastSent).OrderBy(e => e.Sequence))
        {
            await response.SendAsync(JobEventFrames.Progress(entry), cancellationToken);
            lastSent = entry.Sequence;
        }
        return lastSent;
    }
}

/// <summary>The stream's frames, UTF-8 encoded once.</summary>
public static class JobEventFrames
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static readonly ReadOnlyMemory<byte> Preamble = "retry: 2000\n\n"u8.ToArray();
    public static readonly ReadOnlyMemory<byte> Heartbeat = ": heartbeat\n\n"u8.ToArray();

    public static byte[] Progress(TimelineEntry entry)
    {
        var data = JsonSerializer.Serialize(new JobEvent(entry.Sequence, entry.At, entry.Stage, entry.Status, entry.Progress, entry.Message,
            IsTerminal(entry.Status)), Json);
        return Encoding.UTF8.GetBytes($"id: {entry.Sequence}\nevent: progress\ndata: {data}\n\n");
    }

    public static byte[] Queue(QueuePlace place) =>
        Encoding.UTF8.GetBytes($"event: queue\ndata: {JsonSerializer.Serialize(place, Json)}\n\n");

    public static bool IsTerminal(string status) =>
        status is nameof(JobStatus.Completed) or nameof(JobStatus.Failed) or nameof(JobStatus.Canceled);
}

public sealed record JobEvent(int Sequence, DateTimeOffset At, string Stage, string Status, int Progress, string Message, bool IsTerminal);
