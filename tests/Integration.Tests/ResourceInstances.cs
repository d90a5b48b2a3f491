using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Meshy3D.Integration.Tests;

/// <summary>The running instances (replicas) of a project resource, with the process id DCP started for each.</summary>
public static class ResourceInstances
{
    public static async Task<IReadOnlyList<(string Id, int ProcessId)>> FindAsync(DistributedApplication app, string resource, int expected,
        CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, int>();
        var seen = new List<string>();
        try
        {
            // WatchAsync replays every resource's current state first, so the instances already running show up at once.
            await foreach (var update in app.ResourceNotifications.WatchAsync(cancellationToken))
            {
                if (update.Resource.Name != resource) continue;
                var pid = ProcessId(update.Snapshot);
                seen.Add($"{update.ResourceId}: {update.Snapshot.State?.Text} pid={pid}");
                if (pid is not null && update.Snapshot.State?.Text == "Running") found[update.ResourceId] = pid.Value;
                if (found.Count == expected) break;
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Found {found.Count} of {expected} running {resource} instances; saw: {string.Join("; ", seen)}");
        }
        return [.. found.Select(f => (f.Key, f.Value))];
    }

    public static int? ProcessId(Aspire.Hosting.ApplicationModel.CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid ? Convert.ToInt32(pid) : null;

    /// <summary>
    /// Starts a crashed instance again. DCP notices a killed process tree late or never: once it reports the instance
    /// stopped, start it; while it still says Running, restart it (whose stop half can fail on the missing process,
    /// after which DCP usually does report it stopped). Try until one works.
    /// </summary>
    public static async Task RestartAsync(DistributedApplication app, string instance, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        while (true)
        {
            var state = await StateAsync(app, instance, cancellationToken);
            var command = state is "Running" or "Starting" ? KnownResourceCommands.RestartCommand : KnownResourceCommands.StartCommand;
            var result = await app.ResourceCommands.ExecuteCommandAsync(instance, command, cancellationToken);
            if (result.Success) return;
            failures.Add($"{command} while {state}: {result.Message}");
            if (failures.Count >= 6) throw new InvalidOperationException($"Could not start {instance} again: {string.Join("; ", failures)}");
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    /// <summary>The instance's state once DCP reports it stopped, or whatever it still reports after a few seconds.</summary>
    static async Task<string?> StateAsync(DistributedApplication app, string instance, CancellationToken cancellationToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(5));
        string? state = null;
        try
        {
            // WatchAsync replays the current state of every resource first, then follows changes.
            await foreach (var update in app.ResourceNotifications.WatchAsync(patience.Token))
            {
                if (update.ResourceId != instance) continue;
                state = update.Snapshot.State?.Text;
                if (state is not ("Running" or "Starting")) break;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
        return state;
    }
}
