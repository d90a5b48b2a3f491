using Meshy3D.Emulators.Meshy.Modelling;

namespace Meshy3D.Emulators.Meshy.Model;

public enum MeshyTaskStatus { Pending, InProgress, Succeeded, Failed, Canceled }

public enum MeshyTaskKind { Preview, Refine }

/// <summary>Structured failure, as Meshy reports it on FAILED tasks.</summary>
public sealed record TaskFailure(string Type, string Message, string? Code);

/// <summary>The inputs a task echoes back (Meshy returns prompt, art_style … on the task object).</summary>
public sealed record TaskInput
{
    public string Prompt { get; init; } = "";
    public string? ArtStyle { get; init; }
    public string? NegativePrompt { get; init; }
    public string? TexturePrompt { get; init; }
    public string? TextureImageUrl { get; init; }
    public int? Seed { get; init; }
    public string AiModel { get; init; } = "latest";
    public int TargetPolycount { get; init; } = 30000;
    public bool EnablePbr { get; init; }
    public string? PreviewTaskId { get; init; }
    public IReadOnlyList<string> TargetFormats { get; init; } = ModelGenerator.DefaultFormats;
}

/// <summary>Where a task fails and with what, decided when it is created.</summary>
public sealed record FailurePlan(int AtProgress, TaskFailure Failure);

/// <summary>Progress freezes at <see cref="AtProgress"/> for <see cref="Duration"/> of real time.</summary>
public sealed record StallPlan(int AtProgress, TimeSpan Duration);

/// <summary>Mutable task state; only <see cref="TaskBoard"/> touches it, under its lock.</summary>
internal sealed class MeshyTask
{
    public required string Id { get; init; }
    public required MeshyTaskKind Kind { get; init; }
    public required string Account { get; init; }
    public required long Sequence { get; init; }
    public required TaskInput Input { get; init; }
    public required GenerationRequest Generation { get; init; }
    public required double DurationSeconds { get; init; }
    public required int Credits { get; init; }
    public FailurePlan? Failure { get; init; }
    public StallPlan? Stall { get; init; }

    public MeshyTaskStatus Status { get; set; } = MeshyTaskStatus.Pending;
    public int Progress { get; set; }
    public long CreatedAt { get; init; }
    public long StartedAt { get; set; }
    public long FinishedAt { get; set; }
    public double QueuedSeconds { get; set; }
    public double WorkedSeconds { get; set; }
    public bool StallUsed { get; set; }
    public long StalledUntilTicks { get; set; }
    public Task<AssetBundle>? Assets { get; set; }
    public TaskFailure? Error { get; set; }
    public bool Refunded { get; set; }

    /// <summary>Bumped on every visible change, so streams know when to send.</summary>
    public int Version { get; set; }

    public bool IsTerminal => Status is MeshyTaskStatus.Succeeded or MeshyTaskStatus.Failed or MeshyTaskStatus.Canceled;
}

/// <summary>An immutable copy of a task, safe to read outside the board's lock.</summary>
public sealed record TaskSnapshot(
    string Id,
    MeshyTaskKind Kind,
    string Account,
    TaskInput Input,
    MeshyTaskStatus Status,
    int Progress,
    long CreatedAt,
    long StartedAt,
    long FinishedAt,
    int PrecedingTasks,
    TaskFailure? Error,
    int ConsumedCredits,
    AssetBundle? Assets,
    GenerationRequest Generation,
    int Version)
{
    public bool IsTerminal => Status is MeshyTaskStatus.Succeeded or MeshyTaskStatus.Failed or MeshyTaskStatus.Canceled;
}
