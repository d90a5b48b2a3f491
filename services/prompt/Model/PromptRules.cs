using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace Meshy3D.Prompt.Model;

/// <summary>An answer after the rule check: the prompt to use (repaired where it could be) or why there is none.</summary>
public sealed record PromptCheck(string? Prompt, string? Violation, IReadOnlyList<string> Repairs)
{
    [MemberNotNullWhen(true, nameof(Prompt))]
    [MemberNotNullWhen(false, nameof(Violation))]
    public bool Passed => Prompt is not null;

    public static PromptCheck Broken(string violation, IReadOnlyList<string> repairs) => new(null, violation, repairs);
}

/// <summary>
/// The seed's rules for an enhanced prompt: one line, at most 500 characters (Meshy takes 600), not empty,
/// in the requested language. What a model commonly gets wrong in form is repaired here (line breaks,
/// runs of spaces, a code block or quotes around the answer, a few characters too many); what it gets
/// wrong in substance (nothing, JSON, the other language) is a violation, and the caller asks again.
/// </summary>
public static class PromptRules
{
    public const int MaxLength = 500;
    public const int MaxRationaleLength = 200;

    // Share of the answer's letters: Korean prompts keep terms like "PBR" or "4K" in Latin letters,
    // English ones may keep an untranslatable Korean name in Hangul.
    public const double MinHangulShare = 0.5;
    public const double MinLatinShare = 0.8;

    /// <summary>What makes two requests the same: Unicode NFC, one space between words, no edges.</summary>
    public static string Normalise(string text) => CollapseWhitespace(text.Normalize(NormalizationForm.FormC));

    public static PromptCheck Check(string? answer, string language)
    {
        var repairs = new List<string>();
        var text = (answer ?? "").Trim();

        if (text.StartsWith("```", StringComparison.Ordinal))
        {
            text = StripCodeFence(text);
            repairs.Add("unwrapped a code block");
        }
        if (text.StartsWith('{') || text.StartsWith('['))
        {
            if (PromptFromJson(text) is not { } fromJson) return PromptCheck.Broken("malformed: JSON instead of a prompt", repairs);
            text = fromJson;
            repairs.Add("took the prompt out of JSON");
        }
        if (StripWrappingQuotes(text) is { } unquoted)
        {
            text = unquoted;
            repairs.Add("removed wrapping quotes");
        }

        var oneLine = CollapseWhitespace(text);
        if (oneLine.Length == 0) return PromptCheck.Broken("empty answer", repairs);
        if (text.AsSpan().IndexOfAny(LineBreaks) >= 0) repairs.Add("joined lines");
        else if (oneLine != text) repairs.Add("collapsed whitespace");

        if (oneLine.Length > MaxLength)
        {
            var trimmed = TrimToLength(oneLine, MaxLength);
            repairs.Add($"trimmed {oneLine.Length} to {trimmed.Length} characters");
            oneLine = trimmed;
        }

        return LanguageViolation(oneLine, language) is { } violation
            ? PromptCheck.Broken(violation, repairs)
            : new PromptCheck(oneLine, null, repairs);
    }

    /// <summary>A variant's reason to pick it: one line, short; its language is not held against it.</summary>
    public static PromptCheck CheckRationale(string? rationale)
    {
        var oneLine = CollapseWhitespace(rationale ?? "");
        if (oneLine.Length == 0) return PromptCheck.Broken("empty rationale", []);
        return oneLine.Length > MaxRationaleLength
            ? new PromptCheck(TrimToLength(oneLine, MaxRationaleLength), null, ["trimmed the rationale"])
            : new PromptCheck(oneLine, null, []);
    }

    /// <summary>Cuts at the last sentence end that keeps at least half the limit, else at the last word, else hard.</summary>
    public static string TrimToLength(string text, int maxLength)
    {
        if (text.Length <= maxLength) return text;
        for (var i = maxLength - 1; i >= maxLength / 2; i--)
        {
            if (IsSentenceEnd(text[i]) && text[i + 1] == ' ') return text[..(i + 1)];
        }
        var space = text.LastIndexOf(' ', maxLength);
        if (space >= maxLength / 2) return text[..space].TrimEnd(',', ';', ':', '·', '-', ' ');
        var cut = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        return text[..cut];
    }

    /// <summary>Null when the text reads as the language asked for; else a reason naming the share found.</summary>
    public static string? LanguageViolation(string text, string language)
    {
        int hangul = 0, latin = 0, letters = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c)) continue;
            letters++;
            if (IsHangul(c)) hangul++;
            else if (c <= '\u024F') latin++;
        }
        if (letters == 0) return "no words in the answer";
        return language == PromptLanguages.English
            ? (double)latin / letters >= MinLatinShare ? null : $"not in English ({latin * 100 / letters}% Latin letters)"
            : (double)hangul / letters >= MinHangulShare ? null : $"not in Korean ({hangul * 100 / letters}% Hangul letters)";
    }

    static readonly char[] LineBreaks = ['\r', '\n', '\u2028', '\u2029', '\u0085'];

    static bool IsHangul(char c) => c is (>= '\uAC00' and <= '\uD7A3') or (>= '\u1100' and <= '\u11FF') or (>= '\u3130' and <= '\u318F');

    static bool IsSentenceEnd(char c) => c is '.' or '!' or '?' or '。';

    static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ') builder.Append(' ');
            }
            else builder.Append(c);
        }
        return builder.ToString().TrimEnd();
    }

    static string StripCodeFence(string text)
    {
        var firstLineEnd = text.IndexOf('\n');
        var body = firstLineEnd < 0 ? text[3..] : text[(firstLineEnd + 1)..];
        var close = body.LastIndexOf("```", StringComparison.Ordinal);
        return (close < 0 ? body : body[..close]).Trim();
    }

    static string? PromptFromJson(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.ValueKind == JsonValueKind.Object
                   && json.RootElement.TryGetProperty("prompt", out var prompt)
                   && prompt.ValueKind == JsonValueKind.String
                ? prompt.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static string? StripWrappingQuotes(string text)
    {
        if (text.Length < 2) return null;
        var (open, close) = (text[0], text[^1]);
        var pairs = (open, close) is ('"', '"') or ('“', '”') or ('\'', '\'') or ('「', '」') or ('『', '』');
        // A quote in the middle means the quotes belong to the text, not around it.
        return pairs && text.AsSpan(1, text.Length - 2).IndexOfAny(open, close) < 0 ? text[1..^1].Trim() : null;
    }
}
