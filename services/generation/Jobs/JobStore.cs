using Meshy3D.Generation.Infrastructure;
using Meshy3D.Generation.Model;
using Meshy3D.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Meshy3D.Generation.Jobs;

/// <summary>
/// Changes a job the way a follower must: load it fresh, check this instance still holds its lease, apply
/// the change and save it with its events in one transaction, retrying when another writer got there first.
/// </summary>
public sealed class JobStore(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>Applies <paramref name="change"/>; false when the job is gone, no longer generating, or leased by someone else.</summary>
    public async Task<bool> UpdateAsync(Guid jobId, string leaseOwner, Action<GenerationJob, GenerationDbContext, DateTimeOffset> change,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GenerationDbContext>();
            var job = await db.Jobs.SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken);
            if (job is null || job.Status != JobStatus.Generating || job.LeaseOwner != leaseOwner) return false;
            change(job, db, clock.GetUtcNow());
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // A lease renewal or the owner's cancel changed the row: read it again.
            }
        }
    }

    public async Task<GenerationJob?> FindAsync(Guid jobId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GenerationDbContext>();
        return await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken);
    }
}

static class JobStoreExtensions
{
    public static Task<bool> FailAsync(this JobStore store, Guid jobId, string leaseOwner, string stage, string reason, CancellationToken cancellationToken) =>
        store.UpdateAsync(jobId, leaseOwner, (job, db, now) =>
        {
            if (job.Fail(stage, reason, now) is { } failed) db.AddIntegrationEvent(failed);
        }, cancellationToken);
}
