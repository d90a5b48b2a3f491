using Meshy3D.Contracts;
using Meshy3D.Scoring.Infrastructure;
using Meshy3D.Scoring.Model;
using Meshy3D.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Meshy3D.Scoring.IntegrationEvents;

/// <summary>Scores every stored model once and announces the result (or why there is none).</summary>
public sealed class ModelStoredConsumer(ScoringDbContext db, SkeletonScorer scorer, TimeProvider clock, ILogger<ModelStoredConsumer> logger)
    : IdempotentConsumer<ModelStored, ScoringDbContext>(db)
{
    protected override async Task HandleAsync(ModelStored message, CancellationToken cancellationToken)
    {
        if (await Db.Scores.AnyAsync(s => s.ModelId == message.ModelId, cancellationToken)) return;
        double[] distribution;
        try
        {
            distribution = await scorer.ScoreAsync(message.Files, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not Azure.RequestFailedException { Status: >= 500 })
        {
            logger.LogWarning(ex, "Scoring model {ModelId} failed.", message.ModelId);
            Db.AddIntegrationEvent(new ModelScoringFailed(Guid.NewGuid(), clock.GetUtcNow(), message.JobId, message.ModelId, ex.Message));
            return;
        }

        var now = clock.GetUtcNow();
        var score = ModelScore.FromDistribution(message.ModelId, message.JobId, message.OwnerId, distribution, SkeletonScorer.ModelVersion, now);
        Db.Scores.Add(score);
        Db.AddIntegrationEvent(new ModelScored(Guid.NewGuid(), now, message.JobId, message.ModelId, score.Id,
            score.Distribution, score.Mean, score.StdDev, score.ModelVersion));
    }
}
