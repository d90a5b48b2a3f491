using Meshy3D.Generation.Infrastructure;
using Meshy3D.Generation.Model;
using Microsoft.EntityFrameworkCore;

namespace Meshy3D.Generation.Jobs;

/// <summary>A job's place in the line for a Meshy slot: 1 is next; Waiting counts everyone in line.</summary>
public sealed record QueuePlace(int Position, int Waiting);

/// <summary>The line of jobs waiting for a Meshy slot, in the order the scheduler admits them.</summary>
public static class MeshyQueue
{
    public static IQueryable<GenerationJob> Waiting(this GenerationDbContext db) =>
        db.Jobs.Where(j => j.Status == JobStatus.Queued).OrderBy(j => j.QueuedAt).ThenBy(j => j.Id);

    public static async Task<QueuePlace?> PlaceOfAsync(this GenerationDbContext db, GenerationJob job, CancellationToken cancellationToken)
    {
        if (job.Status != JobStatus.Queued) return null;
        var line = await db.Jobs.Where(j => j.Status == JobStatus.Queued).GroupBy(_ => 1)
            .Select(g => new { Waiting = g.Count(), Ahead = g.Count(j => j.QueuedAt < job.QueuedAt) })
            .SingleOrDefaultAsync(cancellationToken);
        return line is null ? null : new QueuePlace(line.Ahead + 1, line.Waiting);
    }
}
