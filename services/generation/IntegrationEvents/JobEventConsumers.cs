using Meshy3D.Contracts;
using Meshy3D.Generation.Infrastructure;
using Meshy3D.Generation.Model;
using Meshy3D.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Meshy3D.Generation.IntegrationEvents;

/// <summary>Applies another service's fact to the job it belongs to; an unknown job is ignored (logged).</summary>
public abstract class JobEventConsumer<TEvent>(GenerationDbContext db, TimeProvider clock, ILogger logger)
    : IdempotentConsumer<TEvent, GenerationDbContext>(db)
    where TEvent : class, IJobEvent
{
    protected TimeProvider Clock { get; } = clock;

    protected override async Task HandleAsync(TEvent message, CancellationToken cancellationToken)
    {
        var job = await Db.Jobs.SingleOrDefaultAsync(j => j.Id == message.JobId, cancellationToken);
        if (job is null)
        {
            logger.LogWarning("{Event} names job {JobId}, which does not exist here.", typeof(TEvent).Name, message.JobId);
            return;
        }
        Apply(job, message, Clock.GetUtcNow());
    }

    protected abstract void Apply(GenerationJob job, TEvent message, DateTimeOffset now);
}

public sealed class PromptEnhancedConsumer(GenerationDbContext db, TimeProvider clock, ILogger<PromptEnhancedConsumer> logger)
    : JobEventConsumer<PromptEnhanced>(db, clock, logger)
{
    protected override void Apply(GenerationJob job, PromptEnhanced message, DateTimeOffset now)
    {
        job.PromptEnhanced(message.EnhancedPrompt, message.Model, now);
    }
}

public sealed class PromptEnhancementFailedConsumer(GenerationDbContext db, TimeProvider clock, ILogger<PromptEnhancementFailedConsumer> logger)
    : JobEventConsumer<PromptEnhancementFailed>(db, clock, logger)
{
    protected override void Apply(GenerationJob job, PromptEnhancementFailed message, DateTimeOffset now)
    {
        job.PromptEnhancementFailed(message.Reason, now);
    }
}

public sealed class ModelStoredConsumer(GenerationDbContext db, TimeProvider clock, ILogger<ModelStoredConsumer> logger)
    : JobEventConsumer<ModelStored>(db, clock, logger)
{
    protected override void Apply(GenerationJob job, ModelStored message, DateTimeOffset now) => job.Stored(message.ModelId, now);
}

public sealed class ModelStoreFailedConsumer(GenerationDbContext db, TimeProvider clock, ILogger<ModelStoreFailedConsumer> logger)
    : JobEventConsumer<ModelStoreFailed>(db, clock, logger)
{
    protected override void Apply(GenerationJob job, ModelStoreFailed message, DateTimeOffset now) =>
        job.Fail("store", $"Storing the model failed: {message.Reason}", now);  // storage announced it; no GenerationFailed twice
}

public sealed class ModelScoredConsumer(GenerationDbContext db, TimeProvider clock, ILogger<ModelScoredConsumer> logger)
    : JobEventConsumer<ModelScored>(db, clock, logger)
{
    protected override void Apply(GenerationJob job, ModelScored message, DateTimeOffset now) =>
        job.Scored(message.ModelId, message.ScoreId, message.Mean, now);
}

public sealed class ModelScoringFailedConsumer(GenerationDbContext db, TimeProvider clock, ILogger<ModelScoringFailedConsumer> logger)
    : JobEventConsumer<ModelScoringFailed>(db, clock, logger)
{
    protected override void Apply(GenerationJob job, ModelScoringFailed message, DateTimeOffset now) =>
        job.ScoringFailed(message.ModelId, message.Reason, now);
}
