using Meshy3D.Generation.Jobs;
using Microsoft.Extensions.Options;

namespace Meshy3D.Generation.IntegrationEvents;

/// <summary>
/// Keeps quiet browser streams open: each interval, every watched job that had no update gets a heartbeat comment.
/// One timer for all streams; a timer of its own per stream cost a timer reset on every event and an
/// exception on every heartbeat, a thousand at a time.
/// </summary>
public sealed class JobStreamHeartbeat(JobEventHub hub, IOptions<GenerationRunnerOptions> options, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) hub.Heartbeat();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
