namespace Meshy3D.Contracts;

public sealed record PromptEnhanced(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid JobId,
    string OriginalPrompt,
    string EnhancedPrompt,
    string Model) : IJobEvent;

/// <summary>The job goes on with the original prompt; the reason lands in its timeline.</summary>
public sealed record PromptEnhancementFailed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid JobId,
    string Reason) : IJobEvent;
