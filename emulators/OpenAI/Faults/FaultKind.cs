namespace Meshy3D.Emulators.OpenAI.Faults;

/// <summary>Failure modes of the real API (or of a misbehaving model) that callers must survive.</summary>
public enum FaultKind
{
    /// <summary>429 rate_limit_exceeded with Retry-After.</summary>
    RateLimit,
    /// <summary>500 (or another 5xx) server_error.</summary>
    ServerError,
    /// <summary>Stalls before answering, longer than a sensible client timeout.</summary>
    Timeout,
    /// <summary>200 with empty content.</summary>
    Empty,
    /// <summary>200 with content that is not the format asked for: prose when JSON was asked, a cut JSON fragment when text was.</summary>
    Malformed,
    /// <summary>200 with the answer cut in half (finish_reason "length"); JSON no longer parses.</summary>
    TruncatedJson,
    /// <summary>200 with line breaks inside the prompt text, breaking the "no newlines" rule.</summary>
    Newlines,
    /// <summary>200 with a prompt text over 600 characters, breaking the 500-character rule.</summary>
    OverLength,
    /// <summary>200 with the prompt in the other language (English when Korean was asked and vice versa).</summary>
    WrongLanguage,
}

public static class FaultKinds
{
    /// <summary>Wire names, snake_case like the rest of OpenAI's vocabulary.</summary>
    public static string ToWireName(this FaultKind kind) => kind switch
    {
        FaultKind.RateLimit => "rate_limit",
        FaultKind.ServerError => "server_error",
        FaultKind.Timeout => "timeout",
        FaultKind.Empty => "empty",
        FaultKind.Malformed => "malformed",
        FaultKind.TruncatedJson => "truncated_json",
        FaultKind.Newlines => "newlines",
        FaultKind.OverLength => "over_length",
        FaultKind.WrongLanguage => "wrong_language",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static IReadOnlyList<string> WireNames { get; } = Enum.GetValues<FaultKind>().Select(ToWireName).ToArray();

    /// <summary>Accepts wire names, enum names and the status-code shorthands "429" and "500".</summary>
    public static bool TryParse(string? text, out FaultKind kind)
    {
        kind = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;

        var squashed = text.Trim().Replace("_", "").Replace("-", "").ToLowerInvariant();
        switch (squashed)
        {
            case "429" or "ratelimited" or "ratelimitexceeded": kind = FaultKind.RateLimit; return true;
            case "500" or "error": kind = FaultKind.ServerError; return true;
            case "truncated": kind = FaultKind.TruncatedJson; return true;
            case "overlong" or "toolong": kind = FaultKind.OverLength; return true;
        }

        foreach (var candidate in Enum.GetValues<FaultKind>())
        {
            if (string.Equals(candidate.ToString(), squashed, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }
        return false;
    }
}
