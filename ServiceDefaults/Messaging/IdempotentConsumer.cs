using MassTransit;
using Meshy3D.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Meshy3D.ServiceDefaults.Messaging;

/// <summary>
/// Handles each event once per consumer: the handled-event record, the state change and any events the
/// handler queues in the outbox commit together. A redelivery finds the record and does nothing; two
/// concurrent deliveries collide on its key and the loser's retry finds it.
/// </summary>
public abstract class IdempotentConsumer<TEvent, TContext>(TContext db) : IConsumer<TEvent>
    where TEvent : class, IIntegrationEvent
    where TContext : DbContext, IIntegrationEventStore
{
    protected TContext Db { get; } = db;

    public async Task Consume(ConsumeContext<TEvent> context)
    {
        var consumer = GetType().Name;
        var eventId = context.Message.EventId;
        await Db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            Db.ChangeTracker.Clear();
            await using var transaction = await Db.Database.BeginTransactionAsync(ct);
            if (await Db.ProcessedEvents.AnyAsync(p => p.EventId == eventId && p.Consumer == consumer, ct)) return;

            Db.ProcessedEvents.Add(new ProcessedEvent { EventId = eventId, Consumer = consumer, ProcessedAt = DateTimeOffset.UtcNow });
            await HandleAsync(context.Message, ct);
            await Db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }, context.CancellationToken);
    }

    /// <summary>Change state on <see cref="Db"/> and queue events; the base class saves and commits.</summary>
    protected abstract Task HandleAsync(TEvent message, CancellationToken cancellationToken);
}
