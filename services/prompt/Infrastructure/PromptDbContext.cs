using Meshy3D.Prompt.Model;
using Meshy3D.ServiceDefaults.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Meshy3D.Prompt.Infrastructure;

public sealed class PromptDbContext(DbContextOptions<PromptDbContext> options) : DbContext(options), IIntegrationEventStore
{
    public DbSet<PromptEnhancement> Enhancements => Set<PromptEnhancement>();
    public DbSet<CachedEnhancement> EnhancementCache => Set<CachedEnhancement>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<ProcessedEvent> ProcessedEvents => Set<ProcessedEvent>();

    public Task<CachedEnhancement?> FindCachedAsync(string key, DateTimeOffset notBefore, CancellationToken cancellationToken) =>
        EnhancementCache.AsNoTracking().FirstOrDefaultAsync(c => c.Key == key && c.CreatedAt > notBefore, cancellationToken);

    /// <summary>
    /// An upsert, so two requests that missed together both succeed, and an expired entry is renewed in place.
    /// It runs at once (inside the consumer's transaction in the pipeline), not at SaveChanges.
    /// </summary>
    public Task RememberAsync(CachedEnhancement entry, CancellationToken cancellationToken) =>
        Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO enhancement_cache ("Key", "Language", "Model", "EnhancedPrompt", "CreatedAt")
            VALUES ({entry.Key}, {entry.Language}, {entry.Model}, {entry.EnhancedPrompt}, {entry.CreatedAt})
            ON CONFLICT ("Key") DO UPDATE SET "Language" = EXCLUDED."Language", "Model" = EXCLUDED."Model",
                "EnhancedPrompt" = EXCLUDED."EnhancedPrompt", "CreatedAt" = EXCLUDED."CreatedAt"
            """, cancellationToken);

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
        modelBuilder.Entity<CachedEnhancement>(e =>
        {
            e.ToTable("enhancement_cache");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.Language).HasMaxLength(8);
            e.Property(x => x.Model).HasMaxLength(100);
            e.Property(x => x.EnhancedPrompt).HasMaxLength(600);
        });
        modelBuilder.AddIntegrationEventTables();
    }
}
