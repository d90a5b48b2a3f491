using Meshy3D.Contracts;

namespace Meshy3D.Generation.Model;

public enum JobStatus
{
    /// <summary>Accepted; the prompt is being enhanced.</summary>
    Enhancing,
    /// <summary>Waiting, in order, for one of the Meshy account's concurrent-task slots.</summary>
    Queued,
    /// <summary>Holds a slot: Meshy is building the preview, then the refine.</summary>
    Generating,
    /// <summary>Assets are being copied into Blob Storage.</summary>
    Storing,
    /// <summary>The stored model is being scored.</summary>
    Scoring,
    Completed,
    Failed,
    Canceled,
}

/// <summary>Which Meshy task the job needs next: a textureless preview, then (with texture) a PBR refine.</summary>
public enum MeshyStage { Preview, Refine, Done }

/// <summary>
/// One person's request for a model, followed from the prompt to the score. Each transition appends to
/// the timeline the browser watches (and that GenerationDbContext announces as GenerationProgressed).
/// The Meshy part is resumable: the task ids and a pending create's start time are saved before and
/// after each create, so whichever instance takes the job over never creates a task twice.
/// </summary>
public sealed class GenerationJob
{
    public Guid Id { get; private set; }
    public string OwnerId { get; private set; } = "";
    public string Prompt { get; private set; } = "";
    public string? EnhancedPrompt { get; private set; }
    public bool Enhance { get; private set; }
    public string Language { get; private set; } = "ko";
    public string Visibility { get; private set; } = "private";
    public GenerationOptions Options { get; private set; } = new();
    public JobStatus Status { get; private set; }
    public string Stage { get; private set; } = "";
    public int Progress { get; private set; }
    public string? FailureReason { get; private set; }
    public Guid? ModelId { get; private set; }
    public Guid? ScoreId { get; private set; }
    public double? ScoreMean { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public List<TimelineEntry> Timeline { get; private set; } = [];

    // Following Meshy.
    public DateTimeOffset? QueuedAt { get; private set; }
    public MeshyStage MeshyStage { get; private set; }
    public string? PreviewTaskId { get; private set; }
    public string? RefineTaskId { get; private set; }
    /// <summary>Set just before a create request is sent and cleared once its task id is saved.</summary>
    public DateTimeOffset? CreateStartedAt { get; private set; }
    public string? LeaseOwner { get; private set; }
    public DateTimeOffset? LeaseExpiresAt { get; private set; }
    public uint Version { get; private set; }

    readonly List<TimelineEntry> _unannounced = [];

    public bool IsTerminal => Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Canceled;

    /// <summary>The prompt Meshy receives: the enhanced one when there is one.</summary>
    public string EffectivePrompt => EnhancedPrompt ?? Prompt;

    /// <summary>The task the job is following or about to create.</summary>
    public string? CurrentTaskId => MeshyStage == MeshyStage.Refine ? RefineTaskId : MeshyStage == MeshyStage.Preview ? PreviewTaskId : null;

    GenerationJob() { }

    public static GenerationJob Create(string ownerId, string prompt, bool enhance, string language, string visibility,
        GenerationOptions options, DateTimeOffset now)
    {
        var job = new GenerationJob
        {
            Id = Guid.CreateVersion7(now),
            OwnerId = ownerId,
            Prompt = prompt,
            Enhance = enhance,
            Language = language,
            Visibility = visibility,
            Options = options,
            CreatedAt = now,
        };
        if (enhance) job.MoveTo(JobStatus.Enhancing, "enhance", 0, "Enhancing the prompt.", now);
        else job.Enqueue("Prompt taken as written.", now);
        return job;
    }

    public GenerationRequested Requested(DateTimeOffset now) =>
        new(Guid.NewGuid(), now, Id, OwnerId, Prompt, Enhance, Language, Visibility, Options);

    public void PromptEnhanced(string enhancedPrompt, string model, DateTimeOffset now)
    {
        if (Status != JobStatus.Enhancing) return;
        EnhancedPrompt = enhancedPrompt;
        Enqueue($"Prompt enhanced by {model}.", now);
    }

    public void PromptEnhancementFailed(string reason, DateTimeOffset now)
    {
        if (Status != JobStatus.Enhancing) return;
        Enqueue($"Enhancement failed ({reason}); going on with the original prompt.", now);
    }

    void Enqueue(string message, DateTimeOffset now)
    {
        QueuedAt = now;
        MeshyStage = MeshyStage.Preview;
        MoveTo(JobStatus.Queued, "queue", 0, $"{message} Waiting for a Meshy slot.", now);
    }

    /// <summary>A scheduler admitted the job: it now holds one of the account's concurrent-task slots.</summary>
    public void Admit(DateTimeOffset now)
    {
        if (Status != JobStatus.Queued) return;
        var stage = MeshyStage == MeshyStage.Refine ? "refine" : "preview";
        MoveTo(JobStatus.Generating, stage, 0, $"Meshy {stage} starting.", now);
    }

    /// <summary>Meshy's queue was full after all: give the slot back and wait in line again, keeping the place.</summary>
    public void Requeue(string reason, DateTimeOffset now)
    {
        if (Status != JobStatus.Generating) return;
        ReleaseLease();
        MoveTo(JobStatus.Queued, "queue", Progress, reason, now);
    }

    public void Lease(string owner, DateTimeOffset until) => (LeaseOwner, LeaseExpiresAt) = (owner, until);

    public void ReleaseLease() => (LeaseOwner, LeaseExpiresAt) = (null, null);

    public void CreateStarting(DateTimeOffset now) => CreateStartedAt = now;

    /// <summary>The create surely did not happen (Meshy refused it): the next attempt need not look it up.</summary>
    public void CreateRefused() => CreateStartedAt = null;

    public void TaskCreated(string taskId, DateTimeOffset now)
    {
        if (MeshyStage == MeshyStage.Refine) RefineTaskId = taskId; else PreviewTaskId = taskId;
        CreateStartedAt = null;
        UpdatedAt = now;
    }

    /// <summary>Meshy reported progress on the current task; only real changes reach the timeline.</summary>
    public void MeshyProgressed(string status, int progress, int? precedingTasks, DateTimeOffset now)
    {
        if (Status != JobStatus.Generating) return;
        var stage = MeshyStage == MeshyStage.Refine ? "refine" : "preview";
        var message = precedingTasks is > 0 ? $"Meshy {stage}: {status}, {precedingTasks} ahead." : $"Meshy {stage}: {status}.";
        // Meshy reports every percent; the timeline keeps steps of five, so it stays small to store and to replay.
        if (Timeline.Count > 0 && Timeline[^1].Message == message && Math.Abs(progress - Progress) < 5) return;
        MoveTo(JobStatus.Generating, stage, Math.Clamp(progress, 0, 100), message, now);
    }

    /// <summary>The preview is done; a textured job goes on to the refine in the same slot.</summary>
    public bool PreviewSucceeded(DateTimeOffset now)
    {
        if (!Options.Texture) return false;
        MeshyStage = MeshyStage.Refine;
        MoveTo(JobStatus.Generating, "refine", 0, "Preview ready; texturing (PBR refine).", now);
        return true;
    }

    /// <summary>The model is built; the slot is free and storage takes over.</summary>
    public GenerationSucceeded Generated(IReadOnlyList<GeneratedAsset> assets, string? meshyTaskId, DateTimeOffset now)
    {
        MeshyStage = MeshyStage.Done;
        ReleaseLease();
        MoveTo(JobStatus.Storing, "store", 100, "Model generated; storing its files.", now);
        return new GenerationSucceeded(Guid.NewGuid(), now, Id, OwnerId, Prompt, EnhancedPrompt, Visibility, assets, meshyTaskId);
    }

    // Stored and Scored travel on different queues and may arrive in either order; each records the model.
    public void Stored(Guid modelId, DateTimeOffset now)
    {
        ModelId = modelId;
        if (Status != JobStatus.Storing) return;
        MoveTo(JobStatus.Scoring, "score", 100, "Files stored; scoring the model.", now);
    }

    public void Scored(Guid modelId, Guid scoreId, double mean, DateTimeOffset now)
    {
        if (IsTerminal) return;
        ModelId = modelId;
        ScoreId = scoreId;
        ScoreMean = mean;
        MoveTo(JobStatus.Completed, "done", 100, $"Scored {mean:0.0} of 10.", now);
    }

    /// <summary>A model that could not be scored is still usable: the job completes without a score.</summary>
    public void ScoringFailed(Guid modelId, string reason, DateTimeOffset now)
    {
        if (IsTerminal) return;
        ModelId = modelId;
        MoveTo(JobStatus.Completed, "done", 100, $"Model ready; scoring failed: {reason}", now);
    }

    public GenerationFailed? Fail(string stage, string reason, DateTimeOffset now)
    {
        if (IsTerminal) return null;
        FailureReason = reason;
        ReleaseLease();
        MoveTo(JobStatus.Failed, stage, Progress, reason, now);
        return new GenerationFailed(Guid.NewGuid(), now, Id, reason);
    }

    /// <summary>The owner canceled: nothing follows the job any more. True when a Meshy task may still be running.</summary>
    public bool Cancel(DateTimeOffset now)
    {
        if (IsTerminal) return false;
        var meshyRunning = Status == JobStatus.Generating && CurrentTaskId is not null;
        ReleaseLease();
        MoveTo(JobStatus.Canceled, Stage, Progress, "Canceled by its owner.", now);
        return meshyRunning;
    }

    /// <summary>Timeline entries added since the job was loaded, for the DbContext to announce once.</summary>
    public IReadOnlyList<TimelineEntry> TakeUnannouncedEntries()
    {
        var entries = _unannounced.ToList();
        _unannounced.Clear();
        return entries;
    }

    void MoveTo(JobStatus status, string stage, int progress, string message, DateTimeOffset now)
    {
        Status = status;
        Stage = stage;
        Progress = progress;
        UpdatedAt = now;
        var entry = new TimelineEntry(Timeline.Count + 1, now, stage, status.ToString(), progress, message);
        Timeline.Add(entry);
        _unannounced.Add(entry);
    }
}

/// <summary>One line of a job's history, numbered so a browser can resume from the last one it saw.</summary>
public sealed record TimelineEntry(int Sequence, DateTimeOffset At, string Stage, string Status, int Progress, string Message);
