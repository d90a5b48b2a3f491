using System.Diagnostics;
using Meshy3D.Prompt.Infrastructure;

namespace Meshy3D.Prompt.Model;

/// <summary>Enhances a prompt and records what it cost; used by the API and the pipeline alike.</summary>
public sealed class PromptEnhancementService(IPromptEnhancer enhancer, PromptDbContext db, TimeProvider clock)
{
    /// <summary>Adds the record to the context; the caller saves it (with its event, in the pipeline).</summary>
    public async Task<PromptEnhancement> EnhanceAsync(string prompt, string language, Guid? jobId, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await enhancer.EnhanceAsync(prompt, language, cancellationToken);
        var enhancement = new PromptEnhancement
        {
            JobId = jobId,
            OriginalPrompt = prompt,
            EnhancedPrompt = result.Enhanced,
            Language = language,
            Model = result.Model,
            PromptTokens = result.PromptTokens,
            CompletionTokens = result.CompletionTokens,
            LatencyMs = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Enhancements.Add(enhancement);
        return enhancement;
    }
}
