using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Meshy3D.Integration.Tests;

/// <summary>Copies each resource instance's console output into a file while the AppHost runs.</summary>
public static class ResourceLogs
{
    public static async Task CollectAsync(DistributedApplication app, string folder, CancellationToken stopping)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var loggers = app.Services.GetRequiredService<ResourceLoggerService>();
        var watched = new HashSet<string>();
        var copies = new List<Task>();
        try
        {
            await foreach (var update in app.ResourceNotifications.WatchAsync(stopping))
            {
                if (watched.Add(update.ResourceId)) copies.Add(CopyAsync(loggers, update.ResourceId, Path.Combine(folder, $"{update.ResourceId}.log"), stopping));
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
        await Task.WhenAll(copies).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    static async Task CopyAsync(ResourceLoggerService loggers, string resourceId, string path, CancellationToken stopping)
    {
        await using var file = new StreamWriter(path, append: true) { AutoFlush = true };
        try
        {
            await foreach (var batch in loggers.WatchAsync(resourceId).WithCancellation(stopping))
                foreach (var line in batch) await file.WriteLineAsync(line.Content);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
    }
}
