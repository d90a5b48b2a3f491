namespace Meshy3D.Emulators.OpenAI.Prompting;

/// <summary>Shortening that never leaves half a word: cuts at a sentence end if one is close, else at a space.</summary>
internal static class TextFitting
{
    public static string CutAtWord(string text, int maxLength)
    {
        if (text.Length <= maxLength)
            return text;
        var cut = text.LastIndexOf(' ', maxLength);
        var result = cut > maxLength / 2 ? text[..cut] : text[..maxLength];
        if (result.Length > 0 && char.IsHighSurrogate(result[^1]))
            result = result[..^1];
        return result.TrimEnd(',', ';', ':', ' ', '(', '-');
    }

    /// <summary>Fits <paramref name="text"/> into <paramref name="maxLength"/>, preferring to drop whole trailing sentences.</summary>
    public static string Fit(string text, int maxLength)
    {
        if (text.Length <= maxLength)
            return text;
        var sentenceEnd = text.LastIndexOf(". ", maxLength - 1, StringComparison.Ordinal);
        if (sentenceEnd >= maxLength / 2)
            return text[..(sentenceEnd + 1)];
        var cut = CutAtWord(text, maxLength - 1);
        return cut.EndsWith('.') ? cut : cut + ".";
    }
}
