using System.Security.Cryptography;
using System.Text;

namespace Meshy3D.Prompt.Model;

/// <summary>An enhancement kept for identical requests: same normalised prompt, language, model and system prompt.</summary>
public sealed class CachedEnhancement
{
    public required string Key { get; init; }
    public required string Language { get; init; }
    public required string Model { get; init; }
    public required string EnhancedPrompt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>SHA-256 (hex) of everything that decides the answer; the prompt itself stays out of the key column.</summary>
    public static string KeyFor(string normalisedPrompt, string language, string model)
    {
        var material = $"{SeedSystemPrompt.Version}\n{language}\n{model}\n{normalisedPrompt}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
    }
}

/// <summary>How long an enhancement may be served again without asking the model (section <c>PromptCache</c>).</summary>
public sealed class PromptCacheOptions
{
    public const string SectionName = "PromptCache";

    /// <summary>Zero turns the cache off.</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(24);
}
