using Meshy3D.Contracts;
using Meshy3D.ServiceDefaults.Messaging;
using Meshy3D.Storage.Infrastructure;
using Meshy3D.Storage.Model;
using Microsoft.EntityFrameworkCore;

namespace Meshy3D.Storage.IntegrationEvents;

/// <summary>Stores a generated model's files and enters it in the catalogue; then announces ModelStored.</summary>
public sealed class GenerationSucceededConsumer(StorageDbContext db, AssetIngestor ingestor, TimeProvider clock, ILogger<GenerationSucceededConsumer> logger)
    : IdempotentConsumer<GenerationSucceeded, StorageDbContext>(db)
{
    protected override async Task HandleAsync(GenerationSucceeded message, CancellationToken cancellationToken)
    {
        var modelId = CatalogueModel.IdForJob(message.JobId);
        if (await Db.Models.AnyAsync(m => m.Id == modelId, cancellationToken)) return;

        IReadOnlyList<ModelFile> files;
        try
        {
            files = await ingestor.IngestAsync(modelId, message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not Azure.RequestFailedException { Status: >= 500 })
        {
            logger.LogWarning(ex, "Storing model {ModelId} of job {JobId} failed.", modelId, message.JobId);
            Db.AddIntegrationEvent(new ModelStoreFailed(Guid.NewGuid(), clock.GetUtcNow(), message.JobId, modelId, ex.Message));
            return;
        }

        var now = clock.GetUtcNow();
        Db.Models.Add(new CatalogueModel
        {
            Id = modelId,
            JobId = message.JobId,
            OwnerId = message.OwnerId,
            Title = Titles.FromPrompt(message.Prompt),
            Prompt = message.Prompt,
            EnhancedPrompt = message.EnhancedPrompt,
            Visibility = message.Visibility,
            CreatedAt = now,
            Files = [.. files],
        });
        Db.AddIntegrationEvent(new ModelStored(Guid.NewGuid(), now, message.JobId, modelId, message.OwnerId,
            [.. files.Select(f => new StoredFile(f.Name, f.Kind, f.BlobPath, f.ContentType, f.Length, f.Sha256))]));
    }
}

/// <summary>Keeps the catalogue's score beside the model for the gallery's "top-scored" order.</summary>
public sealed class ModelScoredConsumer(StorageDbContext db) : IdempotentConsumer<ModelScored, StorageDbContext>(db)
{
    protected override async Task HandleAsync(ModelScored message, CancellationToken cancellationToken)
    {
        var model = await Db.Models.SingleOrDefaultAsync(m => m.Id == message.ModelId, cancellationToken);
        if (model is null) return;
        model.ScoreId = message.ScoreId;
        model.ScoreMean = message.Mean;
    }
}
