using Aspire.Hosting;

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
}
