using System.ComponentModel.DataAnnotations;

namespace Meshy3D.Prompt.Infrastructure;

/// <summary>Section <c>OpenAI</c>; the AppHost sets the key (a secret parameter) and, for the emulator, the endpoint.</summary>
public sealed class OpenAIOptions
{
    public const string SectionName = "OpenAI";

    /// <summary>Null means OpenAI itself; the emulator's URL ends in /v1.</summary>
    public Uri? Endpoint { get; set; }

    [Required]
    public string ApiKey { get; set; } = "";

    [Required]
    public string Model { get; set; } = "gpt-4o";

    /// <summary>The whole budget of one enhancement: SDK retries and our one retry for a broken rule included.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of 408/429/5xx and network failures by the SDK, which honours Retry-After.</summary>
    [Range(0, 5)]
    public int MaxRetries { get; set; } = 2;
}
