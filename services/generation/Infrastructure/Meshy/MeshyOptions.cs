using System.ComponentModel.DataAnnotations;

namespace Meshy3D.Generation.Infrastructure.Meshy;

/// <summary>The Meshy account and how hard the client may lean on it (section <c>Meshy</c>, validated at start-up).</summary>
public sealed class MeshyOptions : IValidatableObject
{
    public const string SectionName = "Meshy";

    /// <summary>https://api.meshy.ai, or the emulator's address.</summary>
    [Required]
    public Uri? BaseUrl { get; set; }

    [Required]
    public string ApiKey { get; set; } = "";

    /// <summary>The account's request rate limit (shared by every key and every instance).</summary>
    [Range(1, 1000)]
    public int RequestsPerSecond { get; set; } = 20;

    /// <summary>The account's queue limit: Meshy tasks pending or running at once.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentTasks { get; set; } = 10;

    /// <summary>Per attempt; streams are bounded by <see cref="StreamIdleTimeout"/> instead.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of safe requests (GET, DELETE); creates are never retried by the client.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff step; later ones double, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest the client waits before one retry. A Retry-After beyond it is not waited out here:
    /// the error reaches the caller with <see cref="MeshyApiException.RetryAfter"/> set.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Meshy repeats the task at least every ~10 s, so this much silence means the stream is dead.</summary>
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// How far Meshy's clock may be behind ours when <see cref="MeshyClient.FindRecentTaskAsync(string, string, DateTimeOffset, CancellationToken)"/>
    /// compares its <c>created_at</c> with the moment we sent a create.
    /// </summary>
    public TimeSpan LookupClockSkew { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
            yield return new ValidationResult("Meshy:BaseUrl must be an absolute http(s) URL.", [nameof(BaseUrl)]);
        if (string.IsNullOrWhiteSpace(ApiKey))
            yield return new ValidationResult("Meshy:ApiKey must not be blank.", [nameof(ApiKey)]);
        foreach (var (name, value) in new[]
                 {
                     (nameof(RequestTimeout), RequestTimeout),
                     (nameof(RetryBaseDelay), RetryBaseDelay),
                     (nameof(MaxRetryDelay), MaxRetryDelay),
                     (nameof(StreamIdleTimeout), StreamIdleTimeout),
                 })
        {
            if (value <= TimeSpan.Zero) yield return new ValidationResult($"Meshy:{name} must be positive.", [name]);
        }
        if (LookupClockSkew < TimeSpan.Zero)
            yield return new ValidationResult("Meshy:LookupClockSkew must not be negative.", [nameof(LookupClockSkew)]);
    }
}
