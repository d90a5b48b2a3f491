using Microsoft.Extensions.Options;

namespace Meshy3D.Emulators.OpenAI;

/// <summary>Settings of the emulator, bound from the <c>OpenAIEmulator</c> configuration section.</summary>
public sealed class OpenAIEmulatorOptions
{
    public const string SectionName = "OpenAIEmulator";

    public static readonly string[] DefaultModels =
        ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano"];

    /// <summary>Keys accepted verbatim, in addition to <see cref="ApiKeyPrefix"/>.</summary>
    public string[] ApiKeys { get; set; } = [];

    /// <summary>Any key starting with this is accepted; empty turns prefix matching off.</summary>
    public string ApiKeyPrefix { get; set; } = "sk-emulator";

    /// <summary>When false any (or no) Bearer key is accepted.</summary>
    public bool RequireApiKey { get; set; } = true;

    /// <summary>
    /// Accepted model ids; dated snapshots of them ("gpt-4o-2024-08-06") are accepted too.
    /// Empty means <see cref="DefaultModels"/> (arrays bound from configuration append, so defaults are applied after binding).
    /// </summary>
    public string[] Models { get; set; } = [];

    /// <summary>"ko" or "en": the answer's language when no signal in the request picks one.</summary>
    public string DefaultLanguage { get; set; } = "ko";

    /// <summary>The seed's rule: an enhanced prompt never exceeds this many characters.</summary>
    public int MaxPromptLength { get; set; } = 500;

    /// <summary>Retry-After of a rate_limit fault unless the fault names its own.</summary>
    public int RetryAfterSeconds { get; set; } = 2;

    /// <summary>How long a timeout fault stalls before answering, unless the fault names its own delay.</summary>
    public int TimeoutFaultDelayMs { get; set; } = 120_000;

    /// <summary>Latency added to every completion, for benchmarks that want a realistic round trip.</summary>
    public int ResponseDelayMs { get; set; }

    /// <summary>Characters per streamed content delta.</summary>
    public int StreamChunkLength { get; set; } = 12;

    /// <summary>How many recent requests GET /_emulator/requests keeps.</summary>
    public int RequestLogCapacity { get; set; } = 100;

    /// <summary>Upper bound of variants in one structured answer (and of n).</summary>
    public int MaxVariants { get; set; } = 10;

    /// <summary>Maps /_emulator/* (faults, reset, request log).</summary>
    public bool EnableAdminApi { get; set; } = true;

    public IReadOnlyList<string> EffectiveModels => Models.Length > 0 ? Models : DefaultModels;
}

internal sealed class OpenAIEmulatorOptionsValidator : IValidateOptions<OpenAIEmulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, OpenAIEmulatorOptions options)
    {
        var failures = new List<string>();

        if (options.DefaultLanguage is not ("ko" or "en"))
            failures.Add($"{nameof(options.DefaultLanguage)} must be \"ko\" or \"en\" (was \"{options.DefaultLanguage}\").");
        if (options.RequireApiKey && string.IsNullOrEmpty(options.ApiKeyPrefix) && !options.ApiKeys.Any(k => !string.IsNullOrWhiteSpace(k)))
            failures.Add($"{nameof(options.RequireApiKey)} needs {nameof(options.ApiKeys)} or {nameof(options.ApiKeyPrefix)}; otherwise no key could pass.");
        if (options.Models.Any(string.IsNullOrWhiteSpace))
            failures.Add($"{nameof(options.Models)} must not contain blank ids.");

        Require(options.MaxPromptLength, 100, 4000, nameof(options.MaxPromptLength));
        Require(options.RetryAfterSeconds, 0, 3600, nameof(options.RetryAfterSeconds));
        Require(options.TimeoutFaultDelayMs, 1, 600_000, nameof(options.TimeoutFaultDelayMs));
        Require(options.ResponseDelayMs, 0, 60_000, nameof(options.ResponseDelayMs));
        Require(options.StreamChunkLength, 1, 1000, nameof(options.StreamChunkLength));
        Require(options.RequestLogCapacity, 1, 10_000, nameof(options.RequestLogCapacity));
        // Above 12 the six styles times two phrasings can no longer keep every variant distinct.
        Require(options.MaxVariants, 1, 12, nameof(options.MaxVariants));

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Require(int value, int min, int max, string key)
        {
            if (value < min || value > max)
                failures.Add($"{key} must be between {min} and {max} (was {value}).");
        }
    }
}
