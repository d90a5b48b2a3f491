using System.Security.Claims;
using System.Text.Json;
using Meshy3D.Contracts;
using Meshy3D.Generation.Infrastructure;
using Meshy3D.Generation.IntegrationEvents;
using Meshy3D.Generation.Jobs;
using Meshy3D.Generation.Model;
using Meshy3D.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meshy3D.Generation.Apis;

/// <summary>
/// GET /api/generations/{id}/events: the job's timeline as Server-Sent Events. Each event carries its
/// timeline sequence as its id, so a reconnecting browser (Last-Event-ID) gets exactly what it missed;
/// comments keep the stream alive; it ends when the job does.
/// </summary>
public static class JobEventsStream
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IResult> StreamJobEvents(Guid id, HttpContext http, ClaimsPrincipal caller, GenerationDbContext db,
        JobEventHub hub, IOptions<GenerationRunnerOptions> options, CancellationToken cancellationToken)
    {
        // Subscribe before reading the stored timeline, so no event falls between the replay and the live feed.
        using var subscription = hub.Subscribe(id);
        var callerId = caller.CallerId();
        var job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id && j.OwnerId == callerId, cancellationToken);
        if (job is null) return TypedResults.NotFound();

        var lastSent = LastEventId(http.Request);
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.WriteAsync("retry: 2000\n\n", cancellationToken);

        lastSent = await ReplayAsync(response, job, lastSent, cancellationToken);
        if (job.IsTerminal) return Results.Empty;

        while (!cancellationToken.IsCancellationRequested)
        {
            using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            heartbeat.CancelAfter(options.Value.HeartbeatInterval);
            try
            {
                await subscription.Events.WaitToReadAsync(heartbeat.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await response.WriteAsync(": heartbeat\n\n", cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
                continue;
            }

            while (subscription.Events.TryRead(out var progressed))
            {
                if (progressed.Sequence <= lastSent) continue;
                if (progressed.Sequence > lastSent + 1)
                {
                    // Events from several instances can overtake each other: fill the gap from the database.
                    var stored = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == id, cancellationToken);
                    lastSent = await ReplayAsync(response, stored, lastSent, cancellationToken);
                    if (stored.IsTerminal) return Results.Empty;
                    continue;
                }
                await WriteAsync(response, new TimelineEntry(progressed.Sequence, progressed.OccurredAt, progressed.Stage, progressed.Status,
                    progressed.Progress, progressed.Message ?? ""), cancellationToken);
                lastSent = progressed.Sequence;
                if (IsTerminal(progressed.Status)) return Results.Empty;
            }
        }
        return Results.Empty;
    }

    static async Task<int> ReplayAsync(HttpResponse response, GenerationJob job, int lastSent, CancellationToken cancellationToken)
    {
        foreach (var entry in job.Timeline.Where(e => e.Sequence > lastSent).OrderBy(e => e.Sequence))
        {
            await WriteAsync(response, entry, cancellationToken);
            lastSent = entry.Sequence;
        }
        return lastSent;
    }

    static async Task WriteAsync(HttpResponse response, TimelineEntry entry, CancellationToken cancellationToken)
    {
        var data = JsonSerializer.Serialize(new JobEvent(entry.Sequence, entry.At, entry.Stage, entry.Status, entry.Progress, entry.Message,
            IsTerminal(entry.Status)), Json);
        await response.WriteAsync($"id: {entry.Sequence}\nevent: progress\ndata: {data}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    static bool IsTerminal(string status) =>
        status is nameof(JobStatus.Completed) or nameof(JobStatus.Failed) or nameof(JobStatus.Canceled);

    static int LastEventId(HttpRequest request)
    {
        var header = request.Headers["Last-Event-ID"].FirstOrDefault() ?? request.Query["lastEventId"].FirstOrDefault();
        return int.TryParse(header, out var sequence) && sequence > 0 ? sequence : 0;
    }
}

public sealed record JobEvent(int Sequence, DateTimeOffset At, string Stage, string Status, int Progress, string Message, bool IsTerminal);
