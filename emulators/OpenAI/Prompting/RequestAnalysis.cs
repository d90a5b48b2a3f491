using System.Text;
using System.Text.RegularExpressions;

namespace Meshy3D.Emulators.OpenAI.Prompting;

/// <summary>
/// What a short modelling request asks for: the subject and the attributes the user gave.
/// The composer keeps all of these and only adds recommendations for what is missing.
/// </summary>
public sealed class RequestAnalysis
{
    /// <summary>The last user message, control characters removed and whitespace collapsed.</summary>
    public required string Original { get; init; }

    /// <summary>The script the user wrote in (Hangul versus Latin letters).</summary>
    public required PromptLanguage InputLanguage { get; init; }

    /// <summary>True when the text tries to steer the model ("ignore your instructions", "write a poem"): only lexicon terms are then used.</summary>
    public required bool LooksLikeInstruction { get; init; }

    /// <summary>The user's own description with request fluff ("만들어줘", "please make") removed; null when unusable.</summary>
    public required string? VerbatimPhrase { get; init; }

    public required LexiconTerm Subject { get; init; }

    /// <summary>True when the request named no subject the emulator could model, so a generic one was chosen.</summary>
    public required bool SubjectIsGeneric { get; init; }

    /// <summary>True when the subject is the user's own word(s), not in the lexicon (e.g. "유니콘").</summary>
    public required bool SubjectIsUnknown { get; init; }

    public required string? UnknownSubjectWords { get; init; }
    public required IReadOnlyList<LexiconTerm> Colours { get; init; }
    public required IReadOnlyList<LexiconTerm> Materials { get; init; }
    public required IReadOnlyList<LexiconTerm> Qualities { get; init; }
    public required ModellingStyle? Style { get; init; }

    /// <summary>The subject as a phrase in <paramref name="language"/>: the user's words when they wrote in it, else a lexicon rendering.</summary>
    public string SubjectPhrase(PromptLanguage language)
    {
        if (VerbatimPhrase is not null && InputLanguage == language)
            return VerbatimPhrase;

        var words = new List<string>();
        words.AddRange(Qualities.Select(q => q.Label(language)));
        words.AddRange(Colours.Select(c => c.Label(language)));
        words.AddRange(Materials.Select(m => m.Label(language)));
        if (SubjectIsUnknown && UnknownSubjectWords is not null)
            words.Add(UnknownSubjectWords);
        else
            words.Add(Subject.Label(language));
        return string.Join(' ', words.Distinct());
    }

    public string SubjectLabel(PromptLanguage language) =>
        SubjectIsUnknown && UnknownSubjectWords is not null ? UnknownSubjectWords : Subject.Label(language);

    /// <summary>Short keywords for schema fields such as "keywords" or "tags".</summary>
    public IReadOnlyList<string> Keywords(PromptLanguage language, ModellingStyle style)
    {
        var english = language == PromptLanguage.English;
        var keywords = new List<string> { SubjectLabel(language) };
        keywords.AddRange(Colours.Select(c => c.Label(language)));
        keywords.AddRange(Materials.Select(m => m.Label(language)));
        keywords.AddRange(Qualities.Select(q => q.Label(language)));
        keywords.Add(StyleWordings.For(style, language).Name);
        keywords.Add("PBR");
        keywords.Add(english ? "game-ready" : "게임 레디");
        keywords.Add(english ? "clean topology" : "깔끔한 토폴로지");
        return keywords.Where(k => !string.IsNullOrWhiteSpace(k)).Distinct().ToArray();
    }
}

/// <summary>Reads a request deterministically: tokenises, matches the bilingual lexicon, strips request fluff.</summary>
public static partial class RequestAnalyzer
{
    private const int KoreanPhraseLimit = 150;
    private const int EnglishPhraseLimit = 200;

    public static RequestAnalysis Analyze(string lastUserText)
    {
        var original = Sanitize(lastUserText);
        var focus = Unwrap(Sanitize(LanguageSignals.StripHint(original)));
        focus = VariantCountHint.Strip(focus);

        var tokens = Tokenise(focus);
        var matches = Match(tokens);
        var instruction = LooksLikeInstruction(original, tokens);

        var colours = Distinct(matches, TermKind.Colour);
        var materials = Distinct(matches, TermKind.Material).ToList();
        var qualities = Distinct(matches, TermKind.Quality);
        var style = matches.Select(m => m.Term.Style).LastOrDefault(s => s is not null);

        // The head noun comes last in both Korean and English ("이끼 낀 돌 우물", "a mossy stone well").
        var subject = matches.LastOrDefault(m => m.Term.Kind == TermKind.Subject)?.Term;
        if (subject is null && materials.LastOrDefault(m => m.StandaloneSubject is not null) is { } standalone)
        {
            subject = ModellingLexicon.ByKey[standalone.StandaloneSubject!];
            materials.Remove(standalone);
        }

        var unknownWords = instruction ? null : UnknownWords(tokens, matches);
        var verbatim = instruction ? null : VerbatimPhrase(tokens);
        var subjectIsUnknown = subject is null && unknownWords is not null;
        var generic = subject is null && !subjectIsUnknown;
        subject ??= ModellingLexicon.ByKey[ModellingLexicon.GenericSubjects[(int)(StableHash.Of(original) % (uint)ModellingLexicon.GenericSubjects.Count)]];

        return new RequestAnalysis
        {
            Original = original,
            InputLanguage = InputLanguageOf(original),
            LooksLikeInstruction = instruction,
            VerbatimPhrase = generic ? null : verbatim,
            Subject = subject,
            SubjectIsGeneric = generic,
            SubjectIsUnknown = subjectIsUnknown,
            UnknownSubjectWords = unknownWords,
            Colours = colours,
            Materials = materials,
            Qualities = qualities,
            Style = style,
        };
    }

    private static IReadOnlyList<LexiconTerm> Distinct(IEnumerable<TermMatch> matches, TermKind kind) =>
        matches.Where(m => m.Term.Kind == kind).Select(m => m.Term).Distinct().ToArray();

    public static string Sanitize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
            builder.Append(char.IsControl(c) || char.IsWhiteSpace(c) ? ' ' : c);
        return Whitespace().Replace(builder.ToString(), " ").Trim();
    }

    private static PromptLanguage InputLanguageOf(string text)
    {
        int hangul = text.Count(KoreanGrammar.IsHangul), latin = text.Count(char.IsAsciiLetter);
        return hangul * 3 >= latin && hangul > 0 ? PromptLanguage.Korean : PromptLanguage.English;
    }

    /// <summary>Takes the part after a label such as "Request:" or "요청:", in case the caller framed the user text.</summary>
    private static string Unwrap(string text)
    {
        var match = Label().Match(text);
        var focus = match.Success && match.Groups["rest"].Value.Trim().Length > 0 ? match.Groups["rest"].Value : text;
        return focus.Trim().Trim('"', '\'', '“', '”', '‘', '’', '「', '」', '`').Trim();
    }

    private sealed record Token(string Surface, string Key);

    private sealed record TermMatch(LexiconTerm Term, int Start, int Length);

    private static List<Token> Tokenise(string text) => text
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(surface => new Token(surface, KeyOf(surface)))
        .Where(t => t.Surface.Length > 0)
        .ToList();

    private static string KeyOf(string surface) =>
        surface.Trim(TrimmedPunctuation).Replace('-', ' ').Replace('_', ' ').ToLowerInvariant();

    private static readonly char[] TrimmedPunctuation = ".,!?;:\"'()[]{}“”‘’「」<>*`~".ToCharArray();

    private static readonly Dictionary<string, LexiconTerm> FormIndex = BuildFormIndex();

    private static Dictionary<string, LexiconTerm> BuildFormIndex()
    {
        var index = new Dictionary<string, LexiconTerm>(StringComparer.Ordinal);
        foreach (var (form, term) in ModellingLexicon.Forms)
        {
            index.TryAdd(form, term);
            index.TryAdd(form.Replace(" ", ""), term); // "로우 폴리" = "로우폴리", "low poly" = "lowpoly"
        }
        return index;
    }

    // Longest first, so "으로" is tried before "로".
    private static readonly string[] KoreanParticles =
        ["으로", "에서", "처럼", "이랑", "같은", "색의", "을", "를", "이", "가", "은", "는", "의", "에", "로", "와", "과", "도", "만", "랑"];

    private static List<TermMatch> Match(List<Token> tokens)
    {
        var matches = new List<TermMatch>();
        for (var i = 0; i < tokens.Count;)
        {
            var matched = false;
            for (var length = Math.Min(3, tokens.Count - i); length >= 1 && !matched; length--)
            {
                var words = tokens.Skip(i).Take(length).Select(t => t.Key).ToArray();
                var term = Lookup(string.Join(' ', words)) ?? (length > 1 ? Lookup(string.Concat(words)) : null);
                if (term is not null)
                {
                    matches.Add(new TermMatch(term, i, length));
                    i += length;
                    matched = true;
                }
            }
            if (!matched)
                i++;
        }
        return matches;
    }

    private static LexiconTerm? Lookup(string key)
    {
        if (key.Length == 0)
            return null;
        if (FormIndex.TryGetValue(key, out var term))
            return term;
        if (KoreanGrammar.ContainsHangul(key))
        {
            foreach (var particle in KoreanParticles)
            {
                if (key.Length > particle.Length && key.EndsWith(particle, StringComparison.Ordinal)
                    && FormIndex.TryGetValue(key[..^particle.Length], out term))
                    return term;
            }
        }
        else if (key.EndsWith('s') && key.Length > 3 && FormIndex.TryGetValue(key[..^1], out term))
        {
            return term; // plurals: "chairs", "swords"
        }
        return null;
    }

    // Words that frame a request rather than describe the object; stripped from the ends of the phrase.
    private static readonly HashSet<string> EnglishFluff = new(StringComparer.Ordinal)
    {
        "please", "pls", "kindly", "make", "create", "generate", "build", "design", "draw", "render", "sculpt", "model",
        "modeling", "modelling", "give", "show", "me", "us", "i", "we", "want", "need", "would", "like", "to", "can",
        "could", "you", "a", "an", "the", "some", "of", "for", "3d", "asset", "object", "prompt", "hi", "hello", "hey",
        "just", "something", "it", "thanks", "thank", "and", "with", "that", "is", "be", "one", "new", "nice", "cool",
        "version", "idea", "ideas", "describe", "enhance", "improve",
    };

    private static readonly HashSet<string> KoreanFluff = new(StringComparer.Ordinal)
    {
        "만들어줘", "만들어", "만들어주세요", "만들어줄래", "만들어줄래요", "만들어봐", "만들", "주세요", "줘", "줄래", "해줘", "해주세요",
        "그려줘", "그려주세요", "생성해줘", "생성해주세요", "생성", "제작해줘", "제작해주세요", "제작", "부탁해", "부탁해요", "부탁합니다",
        "원해", "원해요", "원합니다", "싶어", "싶어요", "갖고", "좀", "제발", "3d", "모델", "모델링", "모델로", "모델을", "모델이", "만들기",
        "하나", "나에게", "저에게", "저한테", "나한테", "해", "주라", "please", "프롬프트", "프롬프트를",
    };

    private static bool IsFluff(Token token) =>
        token.Key.Length == 0 || EnglishFluff.Contains(token.Key) || KoreanFluff.Contains(token.Key)
        || KoreanGrammar.ContainsHangul(token.Key) && KoreanFluff.Contains(StripOneParticle(token.Key));

    private static string StripOneParticle(string key)
    {
        foreach (var particle in KoreanParticles)
            if (key.Length > particle.Length && key.EndsWith(particle, StringComparison.Ordinal))
                return key[..^particle.Length];
        return key;
    }

    private static string? VerbatimPhrase(List<Token> tokens)
    {
        int start = 0, end = tokens.Count;
        while (start < end && IsFluff(tokens[start])) start++;
        var trailingRemoved = false;
        while (end > start && IsFluff(tokens[end - 1])) { end--; trailingRemoved = true; }
        if (start >= end)
            return null;

        var words = tokens.Skip(start).Take(end - start).Select(t => t.Surface).ToList();
        // "빨간 찻주전자를 만들어줘" → "빨간 찻주전자": the object particle belonged to the removed verb.
        var last = words[^1].TrimEnd(TrimmedPunctuation);
        if (trailingRemoved && KoreanGrammar.ContainsHangul(last) && last.Length > 2 && (last.EndsWith('을') || last.EndsWith('를')))
            last = last[..^1];
        words[^1] = last;
        words[0] = words[0].TrimStart(TrimmedPunctuation);

        var phrase = string.Join(' ', words.Where(w => w.Length > 0)).Trim().TrimEnd(TrimmedPunctuation).Trim();
        if (!phrase.Any(char.IsLetter))
            return null;

        var limit = KoreanGrammar.ContainsHangul(phrase) ? KoreanPhraseLimit : EnglishPhraseLimit;
        return TextFitting.CutAtWord(phrase, limit);
    }

    /// <summary>Words outside the lexicon that could still name the subject ("유니콘", "hovercraft").</summary>
    private static string? UnknownWords(List<Token> tokens, List<TermMatch> matches)
    {
        var covered = new HashSet<int>(matches.SelectMany(m => Enumerable.Range(m.Start, m.Length)));
        var words = tokens
            .Where((t, i) => !covered.Contains(i) && !IsFluff(t) && !IsFiller(t.Key) && t.Key.Any(char.IsLetter))
            .Select(t => t.Key)
            .ToList();
        if (words.Count == 0 || words.Count > 6)
            return null;
        var last = words[^1];
        if (KoreanGrammar.ContainsHangul(last))
            words[^1] = StripObjectParticle(last);
        return TextFitting.CutAtWord(string.Join(' ', words), UnknownSubjectLimit);
    }

    // An untranslatable subject is carried over as written, but never long enough to crowd out the prompt.
    private const int UnknownSubjectLimit = 60;

    private static string StripObjectParticle(string word) =>
        word.Length > 2 && (word.EndsWith('을') || word.EndsWith('를')) ? word[..^1] : word;

    // Connective words that never name an object ("이끼 낀", "a well with a roof").
    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "낀", "덮인", "있는", "된", "한", "같은", "느낌의", "느낌", "스타일", "스타일의", "풍의", "모양의", "모양", "형태의", "그리고", "및", "또는",
        "on", "in", "at", "by", "from", "made", "covered", "style", "styled", "looking", "shaped", "or", "very", "really", "but", "about",
    };

    private static bool IsFiller(string key) => Fillers.Contains(key);

    private static readonly HashSet<string> InstructionWords = new(StringComparer.Ordinal)
    {
        "ignore", "disregard", "forget", "instructions", "instruction", "jailbreak", "pretend", "roleplay", "poem", "poems",
        "story", "essay", "song", "lyrics", "joke", "haiku", "limerick", "rules", "system", "assistant", "developer",
        "write", "say", "print", "tell", "translate", "respond", "reply", "answer", "output", "previous", "above",
        "시", "시를", "시로", "소설", "소설을", "노래", "노래를", "농담", "농담을", "대신", "대신에", "이전", "위의",
    };

    private static readonly string[] KoreanInstructionStems = ["무시", "지시", "명령", "규칙", "프롬프트", "시스템", "잊어", "잊고", "번역", "출력", "작성해", "써줘", "써 줘"];

    private static bool LooksLikeInstruction(string original, List<Token> tokens) =>
        tokens.Any(t => InstructionWords.Contains(t.Key) || KoreanInstructionStems.Any(stem => t.Key.StartsWith(stem, StringComparison.Ordinal)))
        || InstructionPhrase().IsMatch(original);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?:^|[\s.;])(?:user\s+request|request|subject|input|object|사용자\s*요청|요청|입력|대상)\s*[:：]\s*(?<rest>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    [GeneratedRegex(@"\b(?:act\s+as|you\s+are\s+now|new\s+instructions|system\s+prompt)\b|너는\s*이제|역할을", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InstructionPhrase();
}
