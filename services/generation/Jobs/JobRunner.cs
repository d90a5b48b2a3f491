using System.Collections.Concurrent;
using Meshy3D.Generation.Infrastructure;
using Meshy3D.Generation.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meshy3D.Generation.Jobs;

/// <summary>
/// Takes admitted jobs nobody follows (new ones, or those whose follower's lease ran out because its
/// instance died) and follows each until its Meshy part ends. Leases are renewed while followed and
/// released on a clean shutdown, so a restart or another instance picks the work up at once.
/// </summary>
public sealed class JobRunner(
    IServiceScopeFactory scopes,
    JobFollower follower,
    IOptions<GenerationRunnerOptions> options,
    TimeProvider clock,
    ILogger<JobRunner> logger) : BackgroundService
{
    const int ClaimBatch = 25;
    readonly ConcurrentDictionary<Guid, Task> _followed = new();
    string Owner => options.Value.InstanceId;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastRenewal = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var done in _followed.Where(f => f.Value.IsCompleted).Select(f => f.Key).ToList()) _followed.TryRemove(done, out _);
                if (clock.GetUtcNow() - lastRenewal > options.Value.LeaseDuration / 3)
                {
                    await RenewLeasesAsync(stoppingToken);
                    lastRenewal = clock.GetUtcNow();
                }
                foreach (var jobId in await ClaimAsync(stoppingToken))
                {
                    _followed[jobId] = Task.Run(() => follower.FollowAsync(jobId, Owner, stoppingToken), CancellationToken.None);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Claiming or renewing generation jobs failed; trying again.");
            }
            await Task.Delay(options.Value.PollInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Task.WhenAll(_followed.Values).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GenerationDbContext>();
            await db.Jobs.Where(j => j.LeaseOwner == Owner)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Releasing leases at shutdown failed; they will expire instead.");
        }
    }

    async Task<IReadOnlyList<Guid>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GenerationDbContext>();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = clock.GetUtcNow();
            var generating = nameof(JobStatus.Generating);
            var jobs = await db.Jobs
                .FromSql($"""
                    SELECT *, xmin FROM jobs WHERE "Status" = {generating} AND ("LeaseExpiresAt" IS NULL OR "LeaseExpiresAt" < {now})
                    ORDER BY "QueuedAt" LIMIT {ClaimBatch} FOR UPDATE SKIP LOCKED
                    """)
                .ToListAsync(ct);
            foreach (var job in jobs) job.Lease(Owner, now + options.Value.LeaseDuration);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return jobs.Select(j => j.Id).ToList();
        }, cancellationToken);
    }

    async Task RenewLeasesAsync(CancellationToken cancellationToken)
    {
        var ids = _followed.Keys.ToList();
        if (ids.Count == 0) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GenerationDbContext>();
        var until = clock.GetUtcNow() + options.Value.LeaseDuration;
        await db.Jobs.Where(j => ids.Contains(j.Id) && j.LeaseOwner == Owner && j.Status == JobStatus.Generating)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseExpiresAt, until), cancellationToken);
    }
}
