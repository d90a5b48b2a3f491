using Meshy3D.Scoring.Model;
using Meshy3D.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Meshy3D.Scoring.Infrastructure;

public sealed class ScoringDbContext(DbContextOptions<ScoringDbContext> options) : DbContext(options), IIntegrationEventStore
{
    public DbSet<ModelScore> Scores => Set<ModelScore>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<ProcessedEvent> ProcessedEvents => Set<ProcessedEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ModelScore>(s =>
        {
            s.ToTable("scores");
            s.HasKey(x => x.Id);
            s.HasIndex(x => x.ModelId).IsUnique();
            s.Property(x => x.OwnerId).HasMaxLength(100);
            s.Property(x => x.ModelVersion).HasMaxLength(64);
        });
        modelBuilder.AddIntegrationEventTables();
    }
}
