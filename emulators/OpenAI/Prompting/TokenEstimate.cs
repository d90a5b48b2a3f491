namespace Meshy3D.Emulators.OpenAI.Prompting;

/// <summary>
/// A tokenizer-free estimate: roughly one token per Hangul/CJK character and one per four other
/// characters, which is close enough to tiktoken for usage figures and max_tokens cut-offs.
/// </summary>
internal static class TokenEstimate
{
    public static int Of(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return 0;
        int wide = 0, narrow = 0;
        foreach (var c in text)
        {
            if (KoreanGrammar.IsHangul(c) || c is >= '\u3040' and <= '\u9FFF')
                wide++;
            else
                narrow++;
        }
        return wide + (narrow + 3) / 4;
    }

    /// <summary>Prompt tokens: content plus the few tokens of framing the chat format adds per message.</summary>
    public static int OfMessages(IEnumerable<string> contents) => contents.Sum(c => Of(c) + 4) + 3;

    /// <summary>The longest prefix of <paramref name="text"/> whose estimate fits in <paramref name="maxTokens"/>.</summary>
    public static string Truncate(string text, int maxTokens)
    {
        if (Of(text) <= maxTokens)
            return text;
        int low = 0, high = text.Length;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Of(text[..mid]) <= maxTokens) low = mid; else high = mid - 1;
        }
        if (low > 0 && char.IsHighSurrogate(text[low - 1]))
            low--;
        return text[..low];
    }
}
