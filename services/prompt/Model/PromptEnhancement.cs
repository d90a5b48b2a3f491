namespace Meshy3D.Prompt.Model;

/// <summary>One enhancement, kept with its cost so usage and latency can be followed.</summary>
public sealed class PromptEnhancement
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid? JobId { get; init; }
    public required string OriginalPrompt { get; init; }
    public required string EnhancedPrompt { get; init; }
    public required string Language { get; init; }
    public required string Model { get; init; }
    public int PromptTokens { get; init; }
    public int CompletionTokens { get; init; }
    public int LatencyMs { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed record EnhancementResult(string Enhanced, string Model, int PromptTokens, int CompletionTokens);

/// <summary>Turns a short idea into a detailed 3D-modelling prompt in the requested language.</summary>
public interface IPromptEnhancer
{
    Task<EnhancementResult> EnhanceAsync(string prompt, string language, CancellationToken cancellationToken);
}
