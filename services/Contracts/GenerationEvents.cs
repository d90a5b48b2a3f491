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

/// <summary>A step of the job's timeline: stage (e.g. preview, refine), 0–100 and a status word.</summary>
public sealed record GenerationProgressed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid JobId,
    string Stage,
    int Progress,
    string Status,
    string? Message) : IJobEvent;

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
