using Meshy3D.Contracts;
using Meshy3D.Prompt.Infrastructure;
using Meshy3D.Prompt.Model;
using Meshy3D.ServiceDefaults.Messaging;

namespace Meshy3D.Prompt.IntegrationEvents;

/// <summary>
/// Enhances a job's prompt when asked to. A failed enhancement is a fact to announce, so the job goes on
/// with the original prompt; anything else (database, broker) is rethrown so the message is retried.
/// </summary>
public sealed class GenerationRequestedConsumer(
    PromptDbContext db, PromptEnhancementService enhancements, TimeProvider clock, ILogger<GenerationRequestedConsumer> logger)
    : IdempotentConsumer<GenerationRequested, PromptDbContext>(db)
{
    protected override async Task HandleAsync(GenerationRequested message, CancellationToken cancellationToken)
    {
        if (!message.Enhance) return;
        if (!PromptLanguages.IsSupported(message.Language))
        {
            Db.AddIntegrationEvent(new PromptEnhancementFailed(Guid.NewGuid(), clock.GetUtcNow(), message.JobId,
                $"language '{message.Language}' is not offered"));
            return;
        }
        try
        {
            var enhancement = await enhancements.EnhanceAsync(message.Prompt, message.Language, message.JobId, cancellationToken);
            Db.AddIntegrationEvent(new PromptEnhanced(Guid.NewGuid(), clock.GetUtcNow(), message.JobId,
                message.Prompt, enhancement.EnhancedPrompt, enhancement.Model));
        }
        catch (PromptEnhancementException ex)
        {
            logger.LogWarning(ex, "Enhancing the prompt of job {JobId} failed: {Reason}.", message.JobId, ex.Reason);
            Db.AddIntegrationEvent(new PromptEnhancementFailed(Guid.NewGuid(), clock.GetUtcNow(), message.JobId, ex.Reason));
        }
    }
}
