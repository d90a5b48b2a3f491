using System.Text.RegularExpressions;

namespace Meshy3D.Emulators.OpenAI.Prompting;

public enum PromptLanguage
{
    Korean,
    English,
}

/// <summary>
/// Decides the answer's language from the request, strongest signal first:
/// 1. an explicit hint anywhere in the system/developer or last user message: "language: en",
///    "lang=ko", "locale: en-US", "language: English" / "language: 한국어";
/// 2. the system/developer prompt's own instruction: "in English", "영어로", "English only" versus
///    "in Korean", "한국어로" — when both kinds appear, the last one wins (later instructions override);
///    failing that a bare mention of English/영어 versus Korean/한국어;
/// 3. the configured default (Korean, as in the seed).
/// The user message is never read for anything but the explicit hint, so "write it in English" typed by a
/// user does not switch the language; only the prompt service (system prompt or hint) decides.
/// </summary>
public static partial class LanguageSignals
{
    public static PromptLanguage Detect(string systemText, string lastUserText, PromptLanguage fallback)
    {
        if (ExplicitHint(systemText) is { } fromSystemHint)
            return fromSystemHint;
        if (ExplicitHint(lastUserText) is { } fromUserHint)
            return fromUserHint;

        var directive = LastMatch(EnglishDirective(), KoreanDirective(), systemText);
        if (directive is not null)
            return directive.Value;

        return LastMatch(EnglishMention(), KoreanMention(), systemText) ?? fallback;
    }

    /// <summary>Removes "language: en"-style hints so they are not mistaken for part of the subject.</summary>
    public static string StripHint(string text) => Hint().Replace(text, " ");

    public static string ToCode(this PromptLanguage language) => language == PromptLanguage.English ? "en" : "ko";

    public static PromptLanguage FromCode(string code) =>
        code.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? PromptLanguage.English : PromptLanguage.Korean;

    public static PromptLanguage Other(this PromptLanguage language) =>
        language == PromptLanguage.English ? PromptLanguage.Korean : PromptLanguage.English;

    private static PromptLanguage? ExplicitHint(string text)
    {
        var match = Hint().Match(text);
        if (!match.Success)
            return null;
        var value = match.Groups["value"].Value.ToLowerInvariant();
        return value.StartsWith("en") || value == "영어" ? PromptLanguage.English : PromptLanguage.Korean;
    }

    private static PromptLanguage? LastMatch(Regex english, Regex korean, string text)
    {
        var lastEnglish = english.Matches(text).LastOrDefault();
        var lastKorean = korean.Matches(text).LastOrDefault();
        return (lastEnglish, lastKorean) switch
        {
            (null, null) => null,
            (not null, null) => PromptLanguage.English,
            (null, not null) => PromptLanguage.Korean,
            _ => lastEnglish!.Index > lastKorean!.Index ? PromptLanguage.English : PromptLanguage.Korean,
        };
    }

    [GeneratedRegex(@"\b(?:language|lang|locale)\s*[:=]\s*[""']?(?<value>en(?:glish)?(?:[-_][a-z]{2})?|ko(?:rean)?(?:[-_][a-z]{2})?|한국어|영어)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Hint();

    [GeneratedRegex(@"\b(?:in|into|use|using|write|respond|answer|reply)\s+(?:plain\s+|natural\s+)?English\b|\bEnglish\s+only\b|영어로|영문으로", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnglishDirective();

    [GeneratedRegex(@"\b(?:in|into|use|using|write|respond|answer|reply)\s+Korean\b|\bKorean\s+only\b|한국어로|한글로", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KoreanDirective();

    [GeneratedRegex(@"\bEnglish\b|영어", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnglishMention();

    [GeneratedRegex(@"\bKorean\b|한국어|한글", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KoreanMention();
}
