using Meshy3D.Prompt.Model;
using Meshy3D.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Meshy3D.Prompt.Infrastructure;

public sealed class PromptDbContext(DbContextOptions<PromptDbContext> options) : DbContext(options), IIntegrationEventStore
{
    public DbSet<PromptEnhancement> Enhancements => Set<PromptEnhancement>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<ProcessedEvent> ProcessedEvents => Set<ProcessedEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PromptEnhancement>(e =>
        {
            e.ToTable("enhancements");
            e.HasKey(x => x.Id);
            e.Property(x => x.OriginalPrompt).HasMaxLength(2000);
            e.Property(x => x.EnhancedPrompt).HasMaxLength(600);
            e.Property(x => x.Language).HasMaxLength(8);
            e.Property(x => x.Model).HasMaxLength(100);
            e.HasIndex(x => x.JobId);
        });
        modelBuilder.AddIntegrationEventTables();
    }
}
