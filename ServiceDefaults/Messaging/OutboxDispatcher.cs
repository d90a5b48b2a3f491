using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Meshy3D.ServiceDefaults.Messaging;

/// <summary>Wakes the dispatcher as soon as new outbox rows are committed.</summary>
public sealed class OutboxSignal
{
    readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        // A single permit is enough: one wake-up drains everything pending.
        if (_pending.CurrentCount == 0)
        {
            try { _pending.Release(); } catch (SemaphoreFullException) { }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pending.WaitAsync(timeout, cancellationToken);

    /// <summary>
    /// Notifies once new outbox rows are visible: when SaveChanges returns outside a transaction, or when the
    /// transaction they were saved in commits. Other commits (the dispatcher's own among them) stay silent.
    /// </summary>
    internal sealed class Interceptor(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
    {
        readonly System.Runtime.CompilerServices.ConditionalWeakTable<System.Data.Common.DbTransaction, object> _pending = new();

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is { } db && db.Database.CurrentTransaction is { } transaction
                && db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
                _pending.AddOrUpdate(transaction.GetDbTransaction(), signal);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is { } db && db.Database.CurrentTransaction is null
                && db.ChangeTracker.Entries<OutboxMessage>().Any()) signal.Notify();
            return ValueTask.FromResult(result);
        }

        public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (_pending.Remove(transaction)) signal.Notify();
            return Task.CompletedTask;
        }

        public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData)
        {
            if (_pending.Remove(transaction)) signal.Notify();
        }
    }
}

/// <summary>
/// Publishes outbox rows in order. Rows are claimed with FOR UPDATE SKIP LOCKED, so several instances
/// of a service can dispatch side by side without sending a row twice; a row is marked dispatched in
/// the same transaction that claimed it, after the broker confirmed the publish (at least once).
/// </summary>
public sealed class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService
    where TContext : DbContext, IIntegrationEventStore
{
    const int BatchSize = 100;
    static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sent = await DispatchBatchAsync(stoppingToken);
                if (sent == BatchSize) continue;
                await signal.WaitAsync(IdlePoll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Outbox dispatch failed; retrying shortly.");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var publisher = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();

        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var batch = await db.OutboxMessages
                .FromSql($"""SELECT * FROM outbox_messages WHERE "DispatchedAt" IS NULL ORDER BY "Sequence" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED""")
                .ToListAsync(ct);
            foreach (var message in batch)
            {
                await PublishAsync(publisher, message, ct);
                message.DispatchedAt = DateTimeOffset.UtcNow;
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return batch.Count;
        }, cancellationToken);
    }

    static async Task PublishAsync(IPublishEndpoint publisher, OutboxMessage message, CancellationToken cancellationToken)
    {
        var @event = message.ToEvent();
        ActivityContext.TryParse(message.TraceParent, null, out var parent);
        using var activity = Meshy3DTelemetry.ActivitySource.StartActivity(
            $"outbox publish {@event.GetType().Name}", ActivityKind.Producer, parent);
        await publisher.Publish(@event, @event.GetType(),
            Pipe.Execute<PublishContext>(ctx => ctx.MessageId = message.EventId), cancellationToken);
    }
}
