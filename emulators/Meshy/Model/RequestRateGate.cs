using System.Diagnostics;

namespace Meshy3D.Emulators.Meshy.Model;

/// <summary>Meshy's requests-per-second limit: a one-second sliding window per account.</summary>
public sealed class RequestRateGate(EmulatorSettings settings)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<long>> _windows = [];

    /// <summary>Counts the request; false when the account went over its limit in the last second.</summary>
    public bool TryPass(string account)
    {
        var now = Stopwatch.GetTimestamp();
        var windowStart = now - Stopwatch.Frequency;
        lock (_gate)
        {
            if (!_windows.TryGetValue(account, out var window)) _windows[account] = window = new Queue<long>();
            while (window.Count > 0 && window.Peek() <= windowStart) window.Dequeue();
            if (window.Count >= settings.RequestsPerSecond) return false;
            window.Enqueue(now);
            return true;
        }
    }

    public void Clear() { lock (_gate) _windows.Clear(); }
}
