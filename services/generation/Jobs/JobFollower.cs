using Meshy3D.Generation.Infrastructure.Meshy;
using Meshy3D.Generation.Model;
using Meshy3D.ServiceDefaults.Messaging;
using Microsoft.Extensions.Options;

namespace Meshy3D.Generation.Jobs;

/// <summary>
/// Drives one admitted job through Meshy: create the preview task (once), follow it over Meshy's stream
/// (polling with backoff while the stream is down), then the refine, then announce the assets. Every step
/// is saved before the next request, so a follower on another instance resumes exactly where this one stopped.
/// </summary>
public sealed class JobFollower(
    JobStore jobs,
    MeshyClient meshy,
    IOptions<GenerationRunnerOptions> options,
    TimeProvider clock,
    ILogger<JobFollower> logger)
{
    public async Task FollowAsync(Guid jobId, string owner, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var job = await jobs.FindAsync(jobId, cancellationToken);
                if (job is null || job.Status != JobStatus.Generating || job.LeaseOwner != owner) return;

                var taskId = job.CurrentTaskId ?? await CreateTaskAsync(job, owner, cancellationToken);
                if (taskId is null) continue; // refused for now, or requeued: look at the job again

                var task = await WatchAsync(job, taskId, owner, cancellationToken);
                if (task is null) return; // the job was canceled, failed or taken over
                if (!await FinishStageAsync(job, task, owner, cancellationToken)) return;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the lease is released and the job resumes elsewhere.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Following job {JobId} failed unexpectedly; its lease will expire and another attempt will follow.", jobId);
        }
    }

    /// <summary>Creates the stage's Meshy task exactly once; null when no task exists yet and the loop should look again.</summary>
    async Task<string?> CreateTaskAsync(GenerationJob job, string owner, CancellationToken cancellationToken)
    {
        var stage = job.MeshyStage;
        if (job.CreateStartedAt is { } started)
        {
            // A create was sent and its answer was lost (a crash, a timeout): did Meshy make the task?
            var type = stage == MeshyStage.Refine ? "text-to-3d-refine" : "text-to-3d-preview";
            var existing = await meshy.FindRecentTaskAsync(job.EffectivePrompt, type, started, cancellationToken);
            if (existing is not null)
            {
                logger.LogInformation("Job {JobId}: found its {Type} task {TaskId} from an earlier attempt.", job.Id, type, existing.Id);
                return await jobs.UpdateAsync(job.Id, owner, (j, _, now) => j.TaskCreated(existing.Id, now), cancellationToken) ? existing.Id : null;
            }
        }

        if (!await jobs.UpdateAsync(job.Id, owner, (j, _, now) => j.CreateStarting(now), cancellationToken)) return null;
        try
        {
            var taskId = stage == MeshyStage.Refine
                ? await meshy.CreateRefineAsync(MeshyRequests.Refine(job), cancellationToken)
                : await meshy.CreatePreviewAsync(MeshyRequests.Preview(job), cancellationToken);
            return await jobs.UpdateAsync(job.Id, owner, (j, _, now) => j.TaskCreated(taskId, now), cancellationToken) ? taskId : null;
        }
        catch (MeshyApiException ex) when (ex.Kind == MeshyErrorKind.QueueFull)
        {
            // Another client of the same account filled Meshy's queue: give the slot back and wait in line.
            await jobs.UpdateAsync(job.Id, owner, (j, _, now) => { j.CreateRefused(); j.Requeue("Meshy's queue is full; waiting for a slot.", now); }, cancellationToken);
            return null;
        }
        catch (MeshyApiException ex) when (ex.IsTransient)
        {
            if (!ex.MayHaveCreatedTask) await jobs.UpdateAsync(job.Id, owner, (j, _, _) => j.CreateRefused(), cancellationToken);
            var wait = ex.RetryAfter ?? options.Value.InitialPollDelay;
            logger.LogWarning("Job {JobId}: creating the {Stage} task failed ({Kind}); trying again in {Wait}.", job.Id, stage, ex.Kind, wait);
            await Task.Delay(wait, clock, cancellationToken);
            return null;
        }
        catch (MeshyApiException ex)
        {
            await jobs.FailAsync(job.Id, owner, stage.ToString().ToLowerInvariant(), $"Meshy refused the {stage.ToString().ToLowerInvariant()} task: {ex.MeshyMessage ?? ex.Message}", cancellationToken);
            return null;
        }
    }

    /// <summary>Follows a task to its end: the stream first, polling with backoff while it is down. Null when the job is no longer ours.</summary>
    async Task<MeshyTask?> WatchAsync(GenerationJob job, string taskId, string owner, CancellationToken cancellationToken)
    {
        var pollDelay = options.Value.InitialPollDelay;
        while (true)
        {
            try
            {
                await foreach (var task in meshy.StreamTaskAsync(taskId, cancellationToken))
                {
                    if (!await RecordProgressAsync(job.Id, owner, task, cancellationToken)) return null;
                    if (task.IsTerminal) return task;
                    pollDelay = options.Value.InitialPollDelay;
                }
            }
            catch (MeshyApiException ex) when (ex.IsTransient || ex.Kind == MeshyErrorKind.Malformed)
            {
                logger.LogInformation("Job {JobId}: Meshy's stream for {TaskId} dropped ({Kind}); polling.", job.Id, taskId, ex.Kind);
            }
            catch (MeshyApiException ex) when (ex.Kind == MeshyErrorKind.NotFound)
            {
                await jobs.FailAsync(job.Id, owner, job.Stage, $"Meshy no longer knows task {taskId}.", cancellationToken);
                return null;
            }

            await Task.Delay(pollDelay, clock, cancellationToken);
            pollDelay = TimeSpan.FromTicks(Math.Min(pollDelay.Ticks * 2, options.Value.MaxPollDelay.Ticks));
            try
            {
                var task = await meshy.GetTaskAsync(taskId, cancellationToken);
                if (!await RecordProgressAsync(job.Id, owner, task, cancellationToken)) return null;
                if (task.IsTerminal) return task;
            }
            catch (MeshyApiException ex) when (ex.IsTransient || ex.Kind == MeshyErrorKind.Malformed)
            {
                logger.LogInformation("Job {JobId}: polling {TaskId} failed ({Kind}); backing off.", job.Id, taskId, ex.Kind);
            }
        }
    }

    Task<bool> RecordProgressAsync(Guid jobId, string owner, MeshyTask task, CancellationToken cancellationToken) =>
        task.IsTerminal
            ? jobs.UpdateAsync(jobId, owner, (_, _, _) => { }, cancellationToken) // still ours? the finish step records the rest
            : jobs.UpdateAsync(jobId, owner, (j, _, now) => j.MeshyProgressed(Describe(task.Status), task.Progress ?? 0, task.PrecedingTasks, now), cancellationToken);

    /// <summary>Applies a task's end; true when the job goes on to another Meshy stage.</summary>
    async Task<bool> FinishStageAsync(GenerationJob job, MeshyTask task, string owner, CancellationToken cancellationToken)
    {
        if (task.Status != MeshyTaskStatus.Succeeded)
        {
            var reason = task.TaskError?.Message is { Length: > 0 } message ? message : $"Meshy ended the task {Describe(task.Status)}.";
            await jobs.FailAsync(job.Id, owner, job.Stage, reason, cancellationToken);
            return false;
        }

        var goesOn = false;
        await jobs.UpdateAsync(job.Id, owner, (j, db, now) =>
        {
            if (j.MeshyStage == MeshyStage.Preview && j.PreviewSucceeded(now))
            {
                goesOn = true;
                return;
            }
            db.AddIntegrationEvent(j.Generated(MeshyAssets.From(task), task.Id, now));
        }, cancellationToken);
        return goesOn;
    }

    static string Describe(MeshyTaskStatus status) => status switch
    {
        MeshyTaskStatus.Pending => "queued at Meshy",
        MeshyTaskStatus.InProgress => "in progress",
        MeshyTaskStatus.Succeeded => "succeeded",
        MeshyTaskStatus.Failed => "failed",
        MeshyTaskStatus.Canceled => "canceled",
        _ => "unknown",
    };
}
