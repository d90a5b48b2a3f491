using Meshy3D.Emulators.Meshy.Configuration;
using Microsoft.Extensions.Options;

namespace Meshy3D.Emulators.Meshy.Model;

/// <summary>
/// The knobs tests may turn at run time (speed, limits, URL lifetime). Starts from configuration
/// and returns to it on reset.
/// </summary>
public sealed class EmulatorSettings(IOptions<EmulatorOptions> emulator, IOptions<MeshyOptions> meshy)
{
    private readonly Lock _gate = new();
    private double _speedFactor = emulator.Value.SpeedFactor;
    private int _requestsPerSecond = meshy.Value.RequestsPerSecond;
    private int _maxConcurrentTasks = meshy.Value.MaxConcurrentTasks;
    private TimeSpan _assetUrlLifetime = emulator.Value.AssetUrlLifetime;

    public double SpeedFactor { get { lock (_gate) return _speedFactor; } }
    public int RequestsPerSecond { get { lock (_gate) return _requestsPerSecond; } }
    public int MaxConcurrentTasks { get { lock (_gate) return _maxConcurrentTasks; } }
    public TimeSpan AssetUrlLifetime { get { lock (_gate) return _assetUrlLifetime; } }

    public EmulatorOptions Options => emulator.Value;

    public SettingsView View()
    {
        lock (_gate)
            return new SettingsView(_speedFactor, _requestsPerSecond, _maxConcurrentTasks, _assetUrlLifetime.TotalSeconds);
    }

    /// <summary>Applies the fields given; returns an error message for out-of-range values.</summary>
    public string? Apply(SettingsView change)
    {
        if (change.SpeedFactor is { } speed && speed is < 0.01 or > 100_000) return "speed_factor must be between 0.01 and 100000";
        if (change.RequestsPerSecond is { } rps && rps < 1) return "requests_per_second must be at least 1";
        if (change.MaxConcurrentTasks is { } max && max < 1) return "max_concurrent_tasks must be at least 1";
        if (change.AssetUrlLifetimeSeconds is { } life && life < 1) return "asset_url_lifetime_seconds must be at least 1";
        lock (_gate)
        {
            _speedFactor = change.SpeedFactor ?? _speedFactor;
            _requestsPerSecond = change.RequestsPerSecond ?? _requestsPerSecond;
            _maxConcurrentTasks = change.MaxConcurrentTasks ?? _maxConcurrentTasks;
            if (change.AssetUrlLifetimeSeconds is { } seconds) _assetUrlLifetime = TimeSpan.FromSeconds(seconds);
        }
        return null;
    }

    public void Reset()
    {
        lock (_gate)
        {
            _speedFactor = emulator.Value.SpeedFactor;
            _requestsPerSecond = meshy.Value.RequestsPerSecond;
            _maxConcurrentTasks = meshy.Value.MaxConcurrentTasks;
            _assetUrlLifetime = emulator.Value.AssetUrlLifetime;
        }
    }
}

/// <summary>Admin JSON for <c>/_emulator/settings</c>; on POST, null fields stay as they are.</summary>
public sealed record SettingsView(double? SpeedFactor, int? RequestsPerSecond, int? MaxConcurrentTasks, double? AssetUrlLifetimeSeconds);
