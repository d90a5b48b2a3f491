using Meshy3D.Prompt.Infrastructure;
using Microsoft.Extensions.Options;

namespace Meshy3D.Prompt.Model;

/// <summary>
/// Enhances a prompt for the API and the pipeline alike: identical requests within the cache's TTL come
/// from promptdb, others from the model; either way the enhancement is recorded with its cost.
/// </summary>
public sealed class PromptEnhancementService(
    IPromptEnhancer enhancer, PromptDbContext db, IOptions<PromptCacheOptions> cache, TimeProvider clock)
{
    /// <summary>Adds the record to the context; the caller saves it (with its event, in the pipeline).</summary>
    public async Task<PromptEnhancement> EnhanceAsync(string prompt, string language, Guid? jobId, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var normalised = PromptRules.Normalise(prompt);
        var key = CachedEnhancement.KeyFor(normalised, language, enhancer.Model);
        var ttl = cache.Value.Ttl;

        if (ttl > TimeSpan.Zero && await db.FindCachedAsync(key, clock.GetUtcNow() - ttl, cancellationToken) is { } hit)
        {
            return Record(prompt, language, jobId, hit.EnhancedPrompt, null, hit.Model, 0, 0, started, cached: true);
        }

        var result = await enhancer.EnhanceAsync(normalised, language, cancellationToken);
        if (ttl > TimeSpan.Zero)
        {
            await db.RememberAsync(new CachedEnhancement
            {
                Key = key, Language = language, Model = result.Model, EnhancedPrompt = result.Enhanced, CreatedAt = clock.GetUtcNow(),
            }, cancellationToken);
        }
        return Record(prompt, language, jobId, result.Enhanced, null, result.Model, result.PromptTokens, result.CompletionTokens, started, cached: false);
    }

    /// <summary>Variants are choices to offer, so each request asks the model afresh; the caller saves the record.</summary>
    public async Task<(PromptEnhancement Record, IReadOnlyList<PromptVariant> Variants)> WriteVariantsAsync(
        string prompt, string language, int count, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var result = await enhancer.WriteVariantsAsync(PromptRules.Normalise(prompt), language, count, cancellationToken);
        var record = Record(prompt, language, null, result.Variants[0].Prompt, [.. result.Variants.Select(v => v.Prompt)],
            result.Model, result.PromptTokens, result.CompletionTokens, started, cached: false);
        return (record, result.Variants);
    }

    PromptEnhancement Record(string prompt, string language, Guid? jobId, string enhanced, string[]? variants, string model,
        int promptTokens, int completionTokens, long started, bool cached)
    {
        var enhancement = new PromptEnhancement
        {
            JobId = jobId,
            OriginalPrompt = prompt,
            EnhancedPrompt = enhanced,
            Variants = variants,
            Language = language,
            Model = model,
            PromptTokens = promptTokens,
            CompletionTokens = completionTokens,
            LatencyMs = (int)clock.GetElapsedTime(started).TotalMilliseconds,
            Cached = cached,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Enhancements.Add(enhancement);
        return enhancement;
    }
}
