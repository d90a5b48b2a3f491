using System.Text.Json;
using Meshy3D.Contracts;

namespace Meshy3D.ServiceDefaults.Messaging;

/// <summary>
/// An integration event saved in the same transaction as the state change it announces, and published
/// to RabbitMQ afterwards by <see cref="OutboxDispatcher{TContext}"/>. If the process dies in between,
/// the row is still there and the next dispatcher (any instance) sends it.
/// </summary>
public sealed class OutboxMessage
{
    public long Sequence { get; private set; }
    public Guid EventId { get; private set; }
    public required string EventType { get; init; }
    public required string Payload { get; init; }
    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>The W3C trace parent of the request or message that caused the event, so the trace continues.</summary>
    public string? TraceParent { get; init; }

    public DateTimeOffset? DispatchedAt { get; set; }

    internal static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    public static OutboxMessage From(IIntegrationEvent @event) => new()
    {
        EventId = @event.EventId,
        EventType = @event.GetType().FullName!,
        Payload = JsonSerializer.Serialize(@event, @event.GetType(), SerializerOptions),
        OccurredAt = @event.OccurredAt,
        TraceParent = System.Diagnostics.Activity.Current?.Id,
    };

    internal IIntegrationEvent ToEvent()
    {
        var type = typeof(IIntegrationEvent).Assembly.GetType(EventType)
            ?? throw new InvalidOperationException($"Unknown integration event type {EventType}.");
        return (IIntegrationEvent)JsonSerializer.Deserialize(Payload, type, SerializerOptions)!;
    }
}

/// <summary>An event a consumer has already handled, so a redelivery changes nothing twice.</summary>
public sealed class ProcessedEvent
{
    public Guid EventId { get; init; }
    public required string Consumer { get; init; }
    public DateTimeOffset ProcessedAt { get; init; }
}
