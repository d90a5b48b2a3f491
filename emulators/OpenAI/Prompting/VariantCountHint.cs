using System.Text.RegularExpressions;

namespace Meshy3D.Emulators.OpenAI.Prompting;

/// <summary>
/// Finds "how many variants" in the conversation: "3 variants", "five distinct prompts", "n=4",
/// "3개의 변형", "다섯 가지 버전". The last mention wins (user after system), so a per-request count
/// in the user message overrides a general one in the system prompt.
/// </summary>
public static partial class VariantCountHint
{
    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["한"] = 1, ["두"] = 2, ["세"] = 3, ["네"] = 4, ["다섯"] = 5, ["여섯"] = 6,
        ["일곱"] = 7, ["여덟"] = 8, ["아홉"] = 9, ["열"] = 10,
    };

    public static int? Find(string systemText, string lastUserText) =>
        FindIn(lastUserText) ?? FindIn(systemText);

    /// <summary>Removes count phrases so "3 variants of a red teapot" analyses as "a red teapot".</summary>
    public static string Strip(string text) => Count().Replace(text, " ").Trim();

    private static int? FindIn(string text)
    {
        var match = Count().Matches(text).LastOrDefault();
        if (match is null)
            return null;
        var raw = match.Groups["n"].Value;
        return int.TryParse(raw, out var n) ? n : NumberWords.GetValueOrDefault(raw);
    }

    [GeneratedRegex(
        @"\bn\s*[:=]\s*(?<n>\d{1,2})\b" +
        @"|\b(?<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:distinct\s+|different\s+|unique\s+|alternative\s+|separate\s+)?(?:enhanced\s+|prompt\s+)?(?:variants?|variations?|candidates?|options?|alternatives?|versions?|prompts?|suggestions?|enhancements?)\b(?:\s+(?:of|for))?" +
        @"|(?<n>\d{1,2}|한|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s*(?:개|가지)(?:의)?\s*(?:서로\s*다른\s*)?(?:변형|후보|버전|안|프롬프트|개선안|제안|베리에이션|시안)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Count();
}
