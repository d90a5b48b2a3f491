using Meshy3D.Contracts;

namespace Meshy3D.Generation.Model;

public enum JobStatus
{
    /// <summary>Accepted; the prompt is being enhanced.</summary>
    Enhancing,
    /// <summary>Meshy is building the model.</summary>
    Generating,
    /// <summary>Assets are being copied into Blob Storage.</summary>
    Storing,
    /// <summary>The stored model is being scored.</summary>
    Scoring,
    Completed,
    Failed,
    Canceled,
}

/// <summary>
/// One person's request for a model, followed from the prompt to the score. Each transition appends
/// to the timeline the browser watches; every change is announced through the outbox.
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

    public bool IsTerminal => Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Canceled;

    /// <summary>The prompt Meshy receives: the enhanced one when there is one.</summary>
    public string EffectivePrompt => EnhancedPrompt ?? Prompt;

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
        job.MoveTo(enhance ? JobStatus.Enhancing : JobStatus.Generating, enhance ? "enhance" : "generate", 0,
            enhance ? "Enhancing the prompt." : "Prompt taken as written.", now);
        return job;
    }

    public GenerationRequested Requested(DateTimeOffset now) =>
        new(Guid.NewGuid(), now, Id, OwnerId, Prompt, Enhance, Language, Visibility, Options);

    public void PromptEnhanced(string enhancedPrompt, string model, DateTimeOffset now)
    {
        if (Status != JobStatus.Enhancing) return;
        EnhancedPrompt = enhancedPrompt;
        MoveTo(JobStatus.Generating, "generate", 0, $"Prompt enhanced by {model}.", now);
    }

    public void PromptEnhancementFailed(string reason, DateTimeOffset now)
    {
        if (Status != JobStatus.Enhancing) return;
        MoveTo(JobStatus.Generating, "generate", 0, $"Enhancement failed ({reason}); going on with the original prompt.", now);
    }

    /// <summary>The model is built; storage takes over.</summary>
    public GenerationSucceeded Generated(IReadOnlyList<GeneratedAsset> assets, string? meshyTaskId, DateTimeOffset now)
    {
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

    public void Fail(string stage, string reason, DateTimeOffset now)
    {
        if (IsTerminal) return;
        FailureReason = reason;
        MoveTo(JobStatus.Failed, stage, Progress, reason, now);
    }

    void MoveTo(JobStatus status, string stage, int progress, string message, DateTimeOffset now)
    {
        Status = status;
        Stage = stage;
        Progress = progress;
        UpdatedAt = now;
        Timeline.Add(new TimelineEntry(Timeline.Count + 1, now, stage, status.ToString(), progress, message));
    }
}

/// <summary>One line of a job's history, numbered so a browser can resume from the last one it saw.</summary>
public sealed record TimelineEntry(int Sequence, DateTimeOffset At, string Stage, string Status, int Progress, string Message);
