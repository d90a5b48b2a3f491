using Meshy3D.ServiceDefaults.Messaging;
using Meshy3D.Storage.Model;
using Microsoft.EntityFrameworkCore;

namespace Meshy3D.Storage.Infrastructure;

public sealed class StorageDbContext(DbContextOptions<StorageDbContext> options) : DbContext(options), IIntegrationEventStore
{
    public DbSet<CatalogueModel> Models => Set<CatalogueModel>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<ProcessedEvent> ProcessedEvents => Set<ProcessedEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CatalogueModel>(m =>
        {
            m.ToTable("models");
            m.HasKey(x => x.Id);
            m.HasIndex(x => x.JobId).IsUnique();
            m.Property(x => x.OwnerId).HasMaxLength(100);
            m.Property(x => x.Title).HasMaxLength(200);
            m.Property(x => x.Prompt).HasMaxLength(600);
            m.Property(x => x.EnhancedPrompt).HasMaxLength(600);
            m.Property(x => x.Visibility).HasMaxLength(16);
            m.OwnsMany(x => x.Files, f => f.ToJson());
            m.HasIndex(x => new { x.OwnerId, x.CreatedAt });
            m.HasIndex(x => new { x.Visibility, x.CreatedAt });
        });
        modelBuilder.AddIntegrationEventTables();
    }
}
