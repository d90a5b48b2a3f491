namespace Meshy3D.Emulators.Meshy.Model;

/// <summary>An error answered instead of the real response, for the next <c>count</c> matching requests or at a <c>rate</c>.</summary>
public sealed record InjectedError
{
    public int Status { get; init; } = 500;
    public string? Message { get; init; }
    /// <summary>How many matching requests get it; null = every one (or at <see cref="Rate"/>).</summary>
    public int? Count { get; init; }
    /// <summary>Probability 0–1 per matching request; null = always.</summary>
    public double? Rate { get; init; }
    /// <summary>create, get, list, delete, stream, balance; null or empty = all.</summary>
    public List<string>? Operations { get; init; }
}

public sealed record InjectedDelay
{
    public int DelayMs { get; init; }
    public int? Count { get; init; }
    public List<string>? Operations { get; init; }
}

public sealed record StallFault
{
    public int AtProgress { get; init; } = 50;
    public int DurationMs { get; init; } = 2000;
    /// <summary>How many new tasks stall; null = all new tasks.</summary>
    public int? Count { get; init; }
}

public sealed record StreamDropFault
{
    /// <summary>The server ends the stream after this many events.</summary>
    public int AfterEvents { get; init; } = 1;
    /// <summary>Abort the connection (a network drop) instead of ending the response cleanly.</summary>
    public bool Abort { get; init; }
    /// <summary>How many streams drop; null = all.</summary>
    public int? Count { get; init; }
}

public sealed record FailFault
{
    /// <summary>How many new tasks fail; null = all new tasks.</summary>
    public int? Count { get; init; } = 1;
    public string Message { get; init; } = "The emulator was told to fail this task";
    public string Type { get; init; } = "server_error";
    public string? Code { get; init; } = "server_error";
    public int AtProgress { get; init; } = 30;
    /// <summary>preview, refine; null = both.</summary>
    public string? Mode { get; init; }
}

/// <summary>Admin JSON for <c>/_emulator/faults</c>. POST sets the fields given and leaves the others.</summary>
public sealed record FaultsView
{
    public List<InjectedError>? Errors { get; init; }
    public InjectedDelay? Delay { get; init; }
    public StallFault? Stall { get; init; }
    public StreamDropFault? StreamDrop { get; init; }
    public FailFault? Fail { get; init; }
}

/// <summary>Faults tests switch on through the admin API; consumed as requests and tasks use them.</summary>
public sealed class FaultSwitches
{
    private readonly Lock _gate = new();
    private FaultsView _faults = new();

    public FaultsView View() { lock (_gate) return _faults; }

    public void Merge(FaultsView change)
    {
        lock (_gate)
            _faults = new FaultsView
            {
                Errors = change.Errors ?? _faults.Errors,
                Delay = change.Delay ?? _faults.Delay,
                Stall = change.Stall ?? _faults.Stall,
                StreamDrop = change.StreamDrop ?? _faults.StreamDrop,
                Fail = change.Fail ?? _faults.Fail,
            };
    }

    public void Clear() { lock (_gate) _faults = new FaultsView(); }

    private static bool Matches(List<string>? operations, string operation) =>
        operations is null || operations.Count == 0 || operations.Contains(operation, StringComparer.OrdinalIgnoreCase);

    public InjectedError? TakeError(string operation)
    {
        lock (_gate)
        {
            var errors = _faults.Errors;
            if (errors is null) return null;
            for (var i = 0; i < errors.Count; i++)
            {
                var error = errors[i];
                if (!Matches(error.Operations, operation)) continue;
                if (error.Rate is { } rate && Random.Shared.NextDouble() >= rate) continue;
                if (error.Count is { } count)
                {
                    var rest = errors.ToList();
                    if (count <= 1) rest.RemoveAt(i);
                    else rest[i] = error with { Count = count - 1 };
                    _faults = _faults with { Errors = rest };
                }
                return error;
            }
            return null;
        }
    }

    public TimeSpan TakeDelay(string operation)
    {
        lock (_gate)
        {
            if (_faults.Delay is not { } delay || !Matches(delay.Operations, operation)) return TimeSpan.Zero;
            if (delay.Count is { } count) _faults = _faults with { Delay = count <= 1 ? null : delay with { Count = count - 1 } };
            return TimeSpan.FromMilliseconds(delay.DelayMs);
        }
    }

    public StallPlan? TakeStall()
    {
        lock (_gate)
        {
            if (_faults.Stall is not { } stall) return null;
            if (stall.Count is { } count) _faults = _faults with { Stall = count <= 1 ? null : stall with { Count = count - 1 } };
            return new StallPlan(Math.Clamp(stall.AtProgress, 0, 99), TimeSpan.FromMilliseconds(stall.DurationMs));
        }
    }

    public StreamDropFault? TakeStreamDrop()
    {
        lock (_gate)
        {
            if (_faults.StreamDrop is not { } drop) return null;
            if (drop.Count is { } count) _faults = _faults with { StreamDrop = count <= 1 ? null : drop with { Count = count - 1 } };
            return drop;
        }
    }

    public FailurePlan? TakeFailure(MeshyTaskKind kind)
    {
        lock (_gate)
        {
            if (_faults.Fail is not { } fail) return null;
            if (fail.Mode is { } mode && !string.Equals(mode, kind.ToString(), StringComparison.OrdinalIgnoreCase)) return null;
            if (fail.Count is { } count) _faults = _faults with { Fail = count <= 1 ? null : fail with { Count = count - 1 } };
            return new FailurePlan(Math.Clamp(fail.AtProgress, 0, 99), new TaskFailure(fail.Type, fail.Message, fail.Code));
        }
    }
}
