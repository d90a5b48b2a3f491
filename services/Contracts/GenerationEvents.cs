namespace Meshy3D.Contracts;

/// <summary>What a person asked Meshy to build; the Meshy-facing knobs travel with the job.</summary>
public sealed record GenerationOptions(
    string? NegativePrompt = null,
    string? AiModel = null,
    string? ModelType = null,
    string? Topology = null,
    int? TargetPolycount = null,
    string? SymmetryMode = null,
    bool Texture = true,
    string? TexturePrompt = null);

public sealed record GenerationRequested(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid JobId,
    string OwnerId,
    string Prompt,
    bool Enhance,
    string Language,
    string Visibility,
    GenerationOptions Options) : IJobEvent;

/// <summary>
/// A step of the job's timeline: stage (e.g. queue, preview, refine), 0–100 and a status word.
/// Sequence numbers the job's timeline from 1, so a watcher can resume after the last one it saw.
/// </summary>
public sealed record GenerationProgressed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid JobId,
    string Stage,
    int Progress,
    string Status,
    string? Message,
    int Sequence = 0) : IJobEvent;

/// <summary>
/// The jobs waiting for a Meshy slot, first in line first, announced whenever admissions, arrivals or
/// cancellations change the line; a job's place is its index + 1.
/// </summary>
public sealed record GenerationQueueMoved(
    Guid EventId,
    DateTimeOffset OccurredAt,
    IReadOnlyList<Guid> Waiting) : IIntegrationEvent;

/// <summary>One downloadable file Meshy produced. Kind is glb, fbx, obj, mtl, usdz, thumbnail or a texture channel.</summary>
public sealed record GeneratedAsset(string Kind, string FileName, Uri Url);

public sealed record GenerationSucceeded(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid JobId,
    string OwnerId,
    string Prompt,
    string? EnhancedPrompt,
    string Visibility,
    IReadOnlyList<GeneratedAsset> Assets,
    string? MeshyTaskId) : IJobEvent;

public sealed record GenerationFailed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid JobId,
    string Reason) : IJobEvent;
