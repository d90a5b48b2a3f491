using Meshy3D.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Meshy3D.ServiceDefaults.Messaging;

/// <summary>A service DbContext that keeps its own outbox and its record of handled events.</summary>
public interface IIntegrationEventStore
{
    DbSet<OutboxMessage> OutboxMessages { get; }
    DbSet<ProcessedEvent> ProcessedEvents { get; }
}

public static class IntegrationEventStoreExtensions
{
    /// <summary>Queues an event to be published once the current SaveChanges commits.</summary>
    public static void AddIntegrationEvent(this IIntegrationEventStore store, IIntegrationEvent @event) =>
        store.OutboxMessages.Add(OutboxMessage.From(@event));

    public static ModelBuilder AddIntegrationEventTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.Sequence);
            outbox.Property(m => m.Sequence).UseIdentityAlwaysColumn();
            outbox.HasIndex(m => m.EventId).IsUnique();
            outbox.Property(m => m.EventType).HasMaxLength(300);
            outbox.Property(m => m.TraceParent).HasMaxLength(100);
            outbox.Property(m => m.Payload).HasColumnType("jsonb");
            // The dispatcher only ever reads undispatched rows.
            outbox.HasIndex(m => m.Sequence).HasFilter("\"DispatchedAt\" IS NULL").HasDatabaseName("ix_outbox_pending");
        });
        modelBuilder.Entity<ProcessedEvent>(processed =>
        {
            processed.ToTable("processed_events");
            processed.HasKey(p => new { p.EventId, p.Consumer });
            processed.Property(p => p.Consumer).HasMaxLength(200);
        });
        return modelBuilder;
    }
}
