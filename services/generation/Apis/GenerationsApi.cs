using Meshy3D.Contracts;
using Meshy3D.Generation.Infrastructure;
using Meshy3D.Generation.Model;
using Meshy3D.ServiceDefaults.Identity;
using Meshy3D.ServiceDefaults.Messaging;
using Meshy3D.Generation.Infrastructure.Meshy;
using Meshy3D.Generation.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using System.Security.Claims;

namespace Meshy3D.Generation.Apis;

public static class GenerationsApi
{
    public static RouteGroupBuilder MapGenerationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/generations").RequireAuthorization();
        api.MapPost("/", CreateGeneration);
        api.MapGet("/{id:guid}", GetGeneration).WithName(nameof(GetGeneration));
        api.MapGet("/", ListGenerations);
        api.MapGet("/{id:guid}/events", JobEventsStream.StreamJobEvents);
        api.MapDelete("/{id:guid}", CancelGeneration);
        return api;
    }

    public static async Task<Results<Accepted<GenerationJobView>, ValidationProblem>> CreateGeneration(
        CreateGenerationRequest request, ClaimsPrincipal caller, GenerationDbContext db, TimeProvider clock,
        LinkGenerator links, HttpContext http, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors);

        var now = clock.GetUtcNow();
        var job = GenerationJob.Create(caller.CallerId(), request.Prompt!.Trim(), request.Enhance, request.Language ?? "ko", request.Visibility ?? "private",
            request.ToOptions(), now);
        db.Jobs.Add(job);
        db.AddIntegrationEvent(job.Requested(now));
        await db.SaveChangesAsync(cancellationToken);

        var location = links.GetPathByName(http, nameof(GetGeneration), new { id = job.Id }) ?? $"/api/generations/{job.Id}";
        return TypedResults.Accepted(location, GenerationJobView.From(job));
    }

    public static async Task<Results<Ok<GenerationJobView>, NotFound>> GetGeneration(
        Guid id, ClaimsPrincipal caller, GenerationDbContext db, CancellationToken cancellationToken)
    {
        var callerId = caller.CallerId();
        // Someone else's job answers 404, not 403: its existence is private too.
        var job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id && j.OwnerId == callerId, cancellationToken);
        if (job is null) return TypedResults.NotFound();
        return TypedResults.Ok(GenerationJobView.From(job, await db.PlaceOfAsync(job, cancellationToken)));
    }

    /// <summary>Cancels a job: nothing follows it any more, and an unfinished Meshy task is deleted (best effort).</summary>
    public static async Task<Results<Ok<GenerationJobView>, NotFound, Conflict<ProblemDetails>>> CancelGeneration(
        Guid id, ClaimsPrincipal caller, GenerationDbContext db, MeshyClient meshy, TimeProvider clock,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var callerId = caller.CallerId();
        GenerationJob? job;
        string? meshyTask;
        bool meshyRunning;
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            job = await db.Jobs.SingleOrDefaultAsync(j => j.Id == id && j.OwnerId == callerId, cancellationToken);
            if (job is null) return TypedResults.NotFound();
            if (job.IsTerminal && job.Status != JobStatus.Canceled)
                return TypedResults.Conflict(new ProblemDetails { Title = "The job has already ended.", Detail = $"It is {job.Status}.", Status = 409 });

            meshyTask = job.CurrentTaskId;
            meshyRunning = job.Cancel(clock.GetUtcNow());
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // The job's follower saved progress meanwhile: read it again and cancel that.
            }
        }
        if (meshyRunning && meshyTask is not null)
        {
            try
            {
                await meshy.DeleteTaskAsync(meshyTask, cancellationToken);
            }
            catch (MeshyApiException ex)
            {
                loggers.CreateLogger(typeof(GenerationsApi)).LogWarning(ex, "Deleting Meshy task {TaskId} of canceled job {JobId} failed.", meshyTask, id);
            }
        }
        return TypedResults.Ok(GenerationJobView.From(job));
    }

    public static async Task<Results<Ok<PagedJobs>, ValidationProblem>> ListGenerations(
        ClaimsPrincipal caller, GenerationDbContext db, CancellationToken cancellationToken, int pageSize = 20, DateTimeOffset? before = null)
    {
        if (pageSize is < 1 or > 100)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["pageSize"] = ["pageSize must be between 1 and 100."] });

        var callerId = caller.CallerId();
        var query = db.Jobs.AsNoTracking().Where(j => j.OwnerId == callerId);
        if (before is { } cursor) query = query.Where(j => j.CreatedAt < cursor);
        var jobs = await query.OrderByDescending(j => j.CreatedAt).Take(pageSize + 1).ToListAsync(cancellationToken);
        var page = jobs.Take(pageSize).Select(j => GenerationJobView.From(j)).ToList();
        var next = jobs.Count > pageSize ? page[^1].CreatedAt : (DateTimeOffset?)null;
        return TypedResults.Ok(new PagedJobs(page, next));
    }
}

public sealed record PagedJobs(IReadOnlyList<GenerationJobView> Items, DateTimeOffset? NextBefore);

public sealed record GenerationJobView(
    Guid Id, string Prompt, string? EnhancedPrompt, JobStatus Status, string Stage, int Progress, bool IsTerminal,
    string? FailureReason, Guid? ModelId, Guid? ScoreId, double? ScoreMean, string Visibility,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<TimelineEntry> Timeline, string EventsUrl,
    QueuePlace? Queue, string? PreviewTaskId, string? RefineTaskId)
{
    public static GenerationJobView From(GenerationJob job) => From(job, null);

    public static GenerationJobView From(GenerationJob job, QueuePlace? queue) => new(
        job.Id, job.Prompt, job.EnhancedPrompt, job.Status, job.Stage, job.Progress, job.IsTerminal, job.FailureReason,
        job.ModelId, job.ScoreId, job.ScoreMean, job.Visibility, job.CreatedAt, job.UpdatedAt, job.Timeline,
        $"/api/generations/{job.Id}/events", queue, job.PreviewTaskId, job.RefineTaskId);
}
