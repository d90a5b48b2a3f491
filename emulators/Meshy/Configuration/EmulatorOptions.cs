using System.ComponentModel.DataAnnotations;

namespace Meshy3D.Emulators.Meshy.Configuration;

/// <summary>How the emulator behaves as a stand-in (section <c>Emulator</c>).</summary>
public sealed class EmulatorOptions
{
    public const string SectionName = "Emulator";

    /// <summary>Multiplies the timeline: 1 looks like a real job (tens of seconds), tests use 100 and more.</summary>
    [Range(0.01, 100_000)]
    public double SpeedFactor { get; set; } = 1;

    /// <summary>Seconds a preview runs at speed factor 1.</summary>
    [Range(0.001, 3600)]
    public double PreviewSeconds { get; set; } = 20;

    /// <summary>Seconds a refine runs at speed factor 1.</summary>
    [Range(0.001, 3600)]
    public double RefineSeconds { get; set; } = 30;

    /// <summary>Seconds every task waits in PENDING at speed factor 1, so clients see the queue.</summary>
    [Range(0, 3600)]
    public double QueueSeconds { get; set; } = 2;

    /// <summary>Tasks that run at once; the rest wait in PENDING with <c>preceding_tasks</c>.</summary>
    [Range(1, 1000)]
    public int WorkerSlots { get; set; } = 4;

    /// <summary>How long a signed asset URL stays valid (Meshy keeps files 3 days).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan AssetUrlLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>HMAC key for asset URLs; a random key per start when empty.</summary>
    public string? AssetSigningKey { get; set; }

    /// <summary>Absolute base for asset URLs (e.g. behind a proxy); the request's scheme and host when empty.</summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>A prompt containing this text ends FAILED, so a test can ask for a failure without the admin API.</summary>
    public string? FailurePromptTrigger { get; set; } = "[emulator:fail]";

    /// <summary>Edge of the square PBR textures, in pixels.</summary>
    [Range(16, 4096)]
    public int TextureSize { get; set; } = 512;

    [Range(16, 2048)]
    public int ThumbnailSize { get; set; } = 256;

    /// <summary>Meshy repeats the task on the stream about every 10 s as a keep-alive.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan StreamKeepAlive { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Meshy's samples pretty-print stream JSON over several <c>data:</c> lines; on makes clients prove they join them.</summary>
    public bool StreamPrettyPrint { get; set; }

    /// <summary>The <c>/_emulator</c> admin API (faults, request log, reset).</summary>
    public bool AdminApiEnabled { get; set; } = true;
}
