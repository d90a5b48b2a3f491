using System.ComponentModel.DataAnnotations;

namespace Meshy3D.Generation.Jobs;

/// <summary>How generation instances share the work of following Meshy (section "Generation").</summary>
public sealed class GenerationRunnerOptions
{
    public const string SectionName = "Generation";

    /// <summary>A job followed by an instance that stops renewing its lease for this long is taken over by another.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "00:10:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often an instance looks for queued jobs to admit and unfollowed jobs to take.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Polling Meshy after its stream dropped starts here and doubles up to <see cref="MaxPollDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan InitialPollDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan MaxPollDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A browser stream quiet this long gets a comment, so proxies and browsers keep it open.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// After a job's last event its browser streams stay open this long, unless the browser closes first (the page closes its
    /// EventSource on isTerminal): ending a thousand responses at once would compete with delivering that last event to them.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan StreamEndDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Names this instance in leases; unique per process.</summary>
    public string InstanceId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
}
