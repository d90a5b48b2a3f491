namespace Meshy3D.Emulators.OpenAI.Prompting;

/// <summary>
/// Korean particles depend on whether the preceding syllable ends in a consonant (받침);
/// getting 을/를 and 로/으로 right is most of what makes generated Korean read naturally.
/// </summary>
internal static class KoreanGrammar
{
    /// <summary>을 after a final consonant, 를 after a vowel.</summary>
    public static string WithObjectParticle(string phrase) => phrase + (EndsWithConsonant(phrase) ? "을" : "를");

    /// <summary>으로 after a final consonant other than ㄹ, 로 otherwise.</summary>
    public static string WithInstrumentalParticle(string phrase)
    {
        var batchim = FinalConsonant(phrase);
        return phrase + (batchim is > 0 and not Rieul ? "으로" : "로");
    }

    /// <summary>과 after a final consonant, 와 after a vowel.</summary>
    public static string WithConjunctiveParticle(string phrase) => phrase + (EndsWithConsonant(phrase) ? "과" : "와");

    public static bool ContainsHangul(string text) => text.Any(IsHangul);

    public static bool IsHangul(char c) => c is >= '\uAC00' and <= '\uD7A3' or >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F';

    private const int Rieul = 8; // ㄹ's index among final consonants

    private static bool EndsWithConsonant(string phrase) => FinalConsonant(phrase) > 0;

    /// <summary>Index of the final consonant (0 = none). Latin endings follow how the word is read aloud in Korean.</summary>
    private static int FinalConsonant(string phrase)
    {
        var trimmed = phrase.TrimEnd();
        // "텍스처(베이스 컬러, …)" takes the particle of 텍스처, the word before the parenthetical.
        if (trimmed.EndsWith(')') && trimmed.LastIndexOf('(') is > 0 and var open)
            trimmed = trimmed[..open].TrimEnd();
        var last = trimmed.TrimEnd('"', '\'', '.', ',').LastOrDefault();
        if (last is >= '\uAC00' and <= '\uD7A3')
            return (last - 0xAC00) % 28;
        if (char.IsDigit(last))
            return last is '0' or '1' or '3' or '6' or '7' or '8' ? 1 : 0; // 영, 일, 삼, 육, 칠, 팔
        return char.ToLowerInvariant(last) switch
        {
            'l' => Rieul,
            'b' or 'c' or 'd' or 'g' or 'k' or 'm' or 'n' or 'p' or 't' => 1,
            _ => 0,
        };
    }
}
