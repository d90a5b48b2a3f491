using System.ComponentModel.DataAnnotations;

namespace Meshy3D.Gateway.Streaming;

/// <summary>How the gateway follows the job streams it relays (section <c>JobStreams</c>).</summary>
public sealed class JobStreamOptions
{
    public const string SectionName = "JobStreams";

    /// <summary>
    /// An upstream that sends nothing (not even a heartbeat, which the generation service sends every 15 s of quiet) for
    /// this long is taken for dead and asked again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the generation service may take to start answering.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan OpenTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
