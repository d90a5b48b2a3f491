namespace Meshy3D.Emulators.OpenAI.Faults;

/// <summary>One armed fault: what goes wrong and for how many of the next completions.</summary>
public sealed record FaultSnapshot(string Kind, int Remaining, int? RetryAfterSeconds, int? DelayMs, int? StatusCode);

/// <summary>A fault handed to one completion call.</summary>
public sealed record FaultActivation(FaultKind Kind, int? RetryAfterSeconds, int? DelayMs, int? StatusCode);

/// <summary>
/// Faults armed through the admin API, consumed first-in first-out: each valid chat completion
/// takes one activation from the head, so "2 × rate_limit then 1 × empty" plays out in that order.
/// </summary>
public sealed class FaultSchedule
{
    private readonly Lock _gate = new();
    private readonly LinkedList<ArmedFault> _queue = new();

    public void Arm(FaultKind kind, int count, int? retryAfterSeconds, int? delayMs, int? statusCode)
    {
        lock (_gate)
            _queue.AddLast(new ArmedFault(kind, count, retryAfterSeconds, delayMs, statusCode));
    }

    public FaultActivation? TakeNext()
    {
        lock (_gate)
        {
            var head = _queue.First?.Value;
            if (head is null)
                return null;

            head.Remaining--;
            if (head.Remaining <= 0)
                _queue.RemoveFirst();
            return new FaultActivation(head.Kind, head.RetryAfterSeconds, head.DelayMs, head.StatusCode);
        }
    }

    public IReadOnlyList<FaultSnapshot> Snapshot()
    {
        lock (_gate)
            return _queue.Select(f => new FaultSnapshot(f.Kind.ToWireName(), f.Remaining, f.RetryAfterSeconds, f.DelayMs, f.StatusCode)).ToArray();
    }

    public void Clear()
    {
        lock (_gate)
            _queue.Clear();
    }

    private sealed class ArmedFault(FaultKind kind, int remaining, int? retryAfterSeconds, int? delayMs, int? statusCode)
    {
        public FaultKind Kind { get; } = kind;
        public int Remaining { get; set; } = remaining;
        public int? RetryAfterSeconds { get; } = retryAfterSeconds;
        public int? DelayMs { get; } = delayMs;
        public int? StatusCode { get; } = statusCode;
    }
}
