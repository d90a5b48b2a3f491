namespace Meshy3D.Prompt.Model;

/// <summary>One enhancement (or one set of variants), kept with its cost so usage and latency can be followed.</summary>
public sealed class PromptEnhancement
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid? JobId { get; init; }
    public required string OriginalPrompt { get; init; }
    /// <summary>The enhanced prompt; for variants, the first of them.</summary>
    public required string EnhancedPrompt { get; init; }
    /// <summary>Every variant of a variants request; null for a single enhancement.</summary>
    public string[]? Variants { get; init; }
    public required string Language { get; init; }
    public required string Model { get; init; }
    public int PromptTokens { get; init; }
    public int CompletionTokens { get; init; }
    public int LatencyMs { get; init; }
    /// <summary>Served from the cache: no model call, no tokens.</summary>
    public bool Cached { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed record EnhancementResult(string Enhanced, string Model, int PromptTokens, int CompletionTokens);

public sealed record PromptVariant(string Prompt, string Rationale);

public sealed record VariantsResult(IReadOnlyList<PromptVariant> Variants, string Model, int PromptTokens, int CompletionTokens);

/// <summary>Turns a short idea into detailed 3D-modelling prompts in the requested language, by the seed's rules.</summary>
public interface IPromptEnhancer
{
    /// <summary>The model asked for; with the language and the normalised prompt it keys the cache.</summary>
    string Model { get; }

    /// <exception cref="PromptEnhancementException">No usable prompt could be had.</exception>
    Task<EnhancementResult> EnhanceAsync(string prompt, string language, CancellationToken cancellationToken);

    /// <summary><paramref name="count"/> distinct prompts from one model call, each with a one-line rationale.</summary>
    /// <exception cref="PromptEnhancementException">No usable set of variants could be had.</exception>
    Task<VariantsResult> WriteVariantsAsync(string prompt, string language, int count, CancellationToken cancellationToken);
}
