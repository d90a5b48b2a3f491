using Meshy3D.Contracts;
using Meshy3D.Generation.Model;
using Meshy3D.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Meshy3D.Generation.Infrastructure;

public sealed class GenerationDbContext(DbContextOptions<GenerationDbContext> options) : DbContext(options), IIntegrationEventStore
{
    public DbSet<GenerationJob> Jobs => Set<GenerationJob>();
    public DbSet<MeshyRequestRecord> MeshyRequests => Set<MeshyRequestRecord>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<ProcessedEvent> ProcessedEvents => Set<ProcessedEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<GenerationJob>(job =>
        {
            job.ToTable("jobs");
            job.HasKey(j => j.Id);
            job.Property(j => j.OwnerId).HasMaxLength(100);
            job.Property(j => j.Prompt).HasMaxLength(600);
            job.Property(j => j.EnhancedPrompt).HasMaxLength(600);
            job.Property(j => j.Language).HasMaxLength(8);
            job.Property(j => j.Visibility).HasMaxLength(16);
            job.Property(j => j.Stage).HasMaxLength(32);
            job.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
            job.Property(j => j.MeshyStage).HasConversion<string>().HasMaxLength(16);
            job.Property(j => j.PreviewTaskId).HasMaxLength(100);
            job.Property(j => j.RefineTaskId).HasMaxLength(100);
            job.Property(j => j.LeaseOwner).HasMaxLength(100);
            // PostgreSQL's xmin: a follower and a consumer that change the same job at once cannot both win.
            job.Property(j => j.Version).IsRowVersion();
            job.ComplexProperty(j => j.Options, o => o.ToJson());
            job.OwnsMany(j => j.Timeline, t => t.ToJson());
            job.Ignore(j => j.IsTerminal);
            job.Ignore(j => j.EffectivePrompt);
            job.Ignore(j => j.CurrentTaskId);
            // "My jobs, newest first" is the list every page asks for.
            job.HasIndex(j => new { j.OwnerId, j.CreatedAt });
            // The scheduler admits queued jobs in order; runners look for jobs to follow.
            job.HasIndex(j => new { j.Status, j.QueuedAt });
        });
        modelBuilder.Entity<MeshyRequestRecord>(request =>
        {
            request.ToTable("meshy_requests");
            request.HasKey(r => r.Id);
            request.HasIndex(r => r.SentAt);
        });
        modelBuilder.AddIntegrationEventTables();
    }

    /// <summary>Every new timeline entry is announced as GenerationProgressed, in the same transaction.</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        foreach (var job in ChangeTracker.Entries<GenerationJob>().Select(e => e.Entity).ToList())
        {
            foreach (var entry in job.TakeUnannouncedEntries())
            {
                this.AddIntegrationEvent(new GenerationProgressed(Guid.NewGuid(), entry.At, job.Id, entry.Stage, entry.Progress,
                    entry.Status, entry.Message, entry.Sequence));
            }
        }
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }
}
