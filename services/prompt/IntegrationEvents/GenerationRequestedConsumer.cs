using Meshy3D.Contracts;
using Meshy3D.Prompt.Infrastructure;
using Meshy3D.Prompt.Model;
using Meshy3D.ServiceDefaults.Messaging;

namespace Meshy3D.Prompt.IntegrationEvents;

/// <summary>Enhances a job's prompt when asked to; a failure is announced, never swallowed, so the job goes on.</summary>
public sealed class GenerationRequestedConsumer(
    PromptDbContext db, PromptEnhancementService enhancements, TimeProvider clock, ILogger<GenerationRequestedConsumer> logger)
    : IdempotentConsumer<GenerationRequested, PromptDbContext>(db)
{
    protected override async Task HandleAsync(GenerationRequested message, CancellationToken cancellationToken)
    {
        if (!message.Enhance) return;
        try
        {
            var enhancement = await enhancements.EnhanceAsync(message.Prompt, message.Language, message.JobId, cancellationToken);
            Db.AddIntegrationEvent(new PromptEnhanced(Guid.NewGuid(), clock.GetUtcNow(), message.JobId,
                message.Prompt, enhancement.EnhancedPrompt, enhancement.Model));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Enhancing the prompt of job {JobId} failed.", message.JobId);
            Db.ChangeTracker.Entries<PromptEnhancement>().ToList().ForEach(e => e.State = Microsoft.EntityFrameworkCore.EntityState.Detached);
            Db.AddIntegrationEvent(new PromptEnhancementFailed(Guid.NewGuid(), clock.GetUtcNow(), message.JobId, ex.Message));
        }
    }
}
