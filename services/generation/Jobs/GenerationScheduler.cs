using Meshy3D.Contracts;
using Meshy3D.Generation.Infrastructure;
using Meshy3D.Generation.Infrastructure.Meshy;
using Meshy3D.Generation.Model;
using Microsoft.EntityFrameworkCore;
using Meshy3D.ServiceDefaults.Messaging;
using Microsoft.Extensions.Options;

namespace Meshy3D.Generation.Jobs;

/// <summary>
/// Admits queued jobs, oldest first, while fewer jobs hold a Meshy task than the account's queue limit.
/// Admission runs under a PostgreSQL advisory lock, so all instances together never exceed the limit.
/// </summary>
public sealed class GenerationScheduler(
    IServiceScopeFactory scopes,
    IOptions<MeshyOptions> meshy,
    IOptions<GenerationRunnerOptions> options,
    TimeProvider clock,
    ILogger<GenerationScheduler> logger) : BackgroundService
{
    const long AdmissionLock = 0x4d65736879_01; // "Meshy" + 1: one lock for the whole service

    // The line this instance last announced; another instance may announce it again, which watchers ignore.
    IReadOnlyList<Guid> _announced = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await AdmitAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Admitting queued jobs failed; trying again.");
            }
            await Task.Delay(options.Value.PollInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public async Task<int> AdmitAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GenerationDbContext>();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdmissionLock})", ct);
            var holding = await db.Jobs.CountAsync(j => j.Status == JobStatus.Generating, ct);
            var line = await db.Waiting().Select(j => j.Id).ToListAsync(ct);
            var admitting = line.Take(Math.Max(0, meshy.Value.MaxConcurrentTasks - holding)).ToList();

            var now = clock.GetUtcNow();
            if (admitting.Count > 0)
                foreach (var job in await db.Jobs.Where(j => admitting.Contains(j.Id)).ToListAsync(ct)) job.Admit(now);
            // Whoever is still waiting learns their new place: admissions, arrivals and cancellations all move the line.
            var waiting = line.Skip(admitting.Count).ToList();
            var announce = !waiting.SequenceEqual(_announced);
            if (announce) db.AddIntegrationEvent(new GenerationQueueMoved(Guid.NewGuid(), now, waiting));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            if (announce) _announced = waiting;
            return admitting.Count;
        }, cancellationToken);
    }
}
