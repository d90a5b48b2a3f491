using Meshy3D.Gateway.Identity;
using Meshy3D.ServiceDefaults.Identity;
using Microsoft.Extensions.Options;

namespace Meshy3D.Gateway.Streaming;

/// <summary>The job streams this gateway relays: one per job and caller, shared by that caller's browsers (tabs, devices).</summary>
public sealed class JobStreamRelays : IDisposable
{
    public const string HttpClientName = "generation-streams";

    readonly Dictionary<(Guid, string), JobStreamRelay> _relays = [];
    readonly Lock _lock = new();
    readonly IHttpClientFactory _httpClients;
    readonly CallerTokenIssuer _tokens;
    readonly JobStreamOptions _options;
    readonly ILogger<JobStreamRelay> _logger;
    readonly CancellationTokenRegistration _stopping;

    public JobStreamRelays(IHttpClientFactory httpClients, CallerTokenIssuer tokens, IOptions<JobStreamOptions> options,
        ILogger<JobStreamRelay> logger, IHostApplicationLifetime lifetime)
    {
        (_httpClients, _tokens, _options, _logger) = (httpClients, tokens, options.Value, logger);
        // A gateway going away ends its streams at once rather than holding shutdown open: each browser reconnects
        // (to another instance) with its Last-Event-ID and misses nothing.
        _stopping = lifetime.ApplicationStopping.Register(StopAll);
    }

    public Watch Join(Guid jobId, Caller caller)
    {
        lock (_lock)
        {
            if (!_relays.TryGetValue((jobId, caller.Id), out var relay))
            {
                relay = new JobStreamRelay(jobId, caller, _httpClients.CreateClient(HttpClientName), _tokens, _options, _logger);
                _relays[(jobId, caller.Id)] = relay;
                relay.Start(Forget);
            }
            relay.Watchers++;
            return new Watch(this, relay);
        }
    }

    void Leave(Watch watch)
    {
        lock (_lock)
        {
            if (--watch.Relay.Watchers > 0) return;
            Remove(watch.Relay);
            watch.Relay.Stop();
        }
    }

    /// <summary>An ended relay takes no newcomers: they start a new one, which asks the generation service afresh.</summary>
    void Forget(JobStreamRelay relay)
    {
        lock (_lock) Remove(relay);
    }

    void Remove(JobStreamRelay relay)
    {
        if (_relays.TryGetValue(relay.Key, out var current) && current == relay) _relays.Remove(relay.Key);
    }

    void StopAll()
    {
        lock (_lock)
        {
            foreach (var relay in _relays.Values) relay.Stop();
            _relays.Clear();
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        StopAll();
    }

    /// <summary>One browser's hold on a relay; the last one to let go stops it.</summary>
    public sealed class Watch(JobStreamRelays relays, JobStreamRelay relay) : IDisposable
    {
        bool _disposed;

        public JobStreamRelay Relay => relay;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            relays.Leave(this);
        }
    }
}
