using System.ComponentModel.DataAnnotations;

namespace Meshy3D.Emulators.Meshy.Configuration;

/// <summary>What a Meshy client sees of its account: keys, limits and credits (section <c>Meshy</c>).</summary>
public sealed class MeshyOptions
{
    public const string SectionName = "Meshy";

    /// <summary>Meshy's public test key; accepted unless <see cref="AcceptTestKey"/> is false.</summary>
    public const string TestKey = "msy_dummy_api_key_for_test_mode_12345678";

    /// <summary>One extra key to accept (what the product is configured with when it points at the emulator).</summary>
    public string? ApiKey { get; set; }

    /// <summary>More keys to accept. Each key is its own account: limits, task lists and credits are per key.</summary>
    public List<string> ApiKeys { get; set; } = [];

    public bool AcceptTestKey { get; set; } = true;

    /// <summary>Meshy allows 20 requests/s on every plan but Enterprise.</summary>
    [Range(1, 100_000)]
    public int RequestsPerSecond { get; set; } = 20;

    /// <summary>Queued plus running tasks per account (Pro plan: 10).</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentTasks { get; set; } = 10;

    /// <summary>Credits each account starts with; a create that cannot be paid gets 402.</summary>
    [Range(0, long.MaxValue)]
    public long InitialCredits { get; set; } = 1_000_000;

    public IEnumerable<string> AcceptedKeys()
    {
        if (AcceptTestKey) yield return TestKey;
        if (!string.IsNullOrWhiteSpace(ApiKey)) yield return ApiKey;
        foreach (var key in ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k))) yield return key;
    }
}
