using Meshy3D.Generation.Model;
using Meshy3D.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Meshy3D.Generation.Infrastructure;

public sealed class GenerationDbContext(DbContextOptions<GenerationDbContext> options) : DbContext(options), IIntegrationEventStore
{
    public DbSet<GenerationJob> Jobs => Set<GenerationJob>();
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
            job.ComplexProperty(j => j.Options, o => o.ToJson());
            job.OwnsMany(j => j.Timeline, t => t.ToJson());
            job.Ignore(j => j.IsTerminal);
            job.Ignore(j => j.EffectivePrompt);
            // "My jobs, newest first" is the list every page asks for.
            job.HasIndex(j => new { j.OwnerId, j.CreatedAt });
        });
        modelBuilder.AddIntegrationEventTables();
    }
}
