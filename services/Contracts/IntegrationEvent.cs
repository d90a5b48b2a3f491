namespace Meshy3D.Contracts;

/// <summary>
/// A fact one service announces to the others. Events are versioned by adding fields, never by
/// changing or removing them, so an older consumer keeps reading a newer event.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>Unique per fact; consumers record it to ignore redeliveries.</summary>
    Guid EventId { get; }

    DateTimeOffset OccurredAt { get; }
}

/// <summary>Everything that happens to one generation job carries the job's id.</summary>
public interface IJobEvent : IIntegrationEvent
{
    Guid JobId { get; }
}
