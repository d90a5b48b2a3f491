using static Meshy3D.Emulators.OpenAI.Prompting.KoreanGrammar;

namespace Meshy3D.Emulators.OpenAI.Prompting;

/// <summary>One enhanced prompt with the style it emphasises and a one-line reason for offering it.</summary>
public sealed record EnhancedPrompt(string Text, ModellingStyle Style, string StyleName, string Rationale, PromptLanguage Language);

/// <summary>Ways a reply can break the seed's rules on purpose (content faults), applied while composing.</summary>
public enum RuleBreak
{
    None,
    Newlines,
    OverLength,
    WrongLanguage,
}

/// <summary>
/// Writes the seed's kind of prompt without a model: the user's subject and attributes kept as given,
/// then recommended material, proportions, PBR texture detail, lighting-neutral textures, silhouette and
/// topology for whatever the user left out; one flowing paragraph, no line breaks, within the length limit.
/// Four sentences, each with two phrasings chosen by a stable hash so the same request always reads the same.
/// </summary>
public sealed class ModellingPromptComposer(int maxLength)
{
    /// <summary>
    /// Composes variant <paramref name="variantIndex"/>: 0 is the user's own style (realistic if none was named),
    /// the next ones the other styles in a fixed order, and past the sixth the phrasings flip so all stay distinct.
    /// </summary>
    public EnhancedPrompt Compose(RequestAnalysis analysis, PromptLanguage language, int variantIndex = 0, RuleBreak ruleBreak = RuleBreak.None)
    {
        if (ruleBreak == RuleBreak.WrongLanguage)
            language = language.Other();

        var style = StyleFor(analysis, variantIndex);
        var wording = StyleWordings.For(style, language);
        var hash = StableHash.Of(analysis.Original, language.ToCode(), style.ToString());
        if (variantIndex / StyleWordings.Order.Count % 2 == 1)
            hash = ~hash;

        var sentences = language == PromptLanguage.English
            ? EnglishSentences(analysis, wording, hash)
            : KoreanSentences(analysis, wording, hash);

        var text = ruleBreak switch
        {
            RuleBreak.Newlines => string.Join('\n', sentences.Select(x => x.Full)),
            RuleBreak.OverLength => Overflow(sentences.Select(x => x.Full), language),
            _ => Fit(sentences),
        };
        return new EnhancedPrompt(text, style, wording.Name, wording.Rationale, language);
    }

    public static ModellingStyle StyleFor(RequestAnalysis analysis, int variantIndex)
    {
        var first = analysis.Style ?? ModellingStyle.Realistic;
        var ordered = StyleWordings.Order.Where(s => s != first).Prepend(first).ToArray();
        return ordered[variantIndex % ordered.Length];
    }

    /// <summary>
    /// Fits the limit by giving up the least essential wording first: compact texture sentence, compact structure
    /// sentence, then dropping those sentences, and only then cutting words; the subject and the technical finish survive.
    /// </summary>
    private string Fit(Sentence[] sentences)
    {
        var chosen = sentences.Select(s => s.Full).ToList();
        var steps = new Action[]
        {
            () => chosen[2] = sentences[2].Compact,
            () => chosen[1] = sentences[1].Compact,
            () => chosen[2] = "",
            () => chosen[1] = "",
        };
        foreach (var step in steps)
        {
            if (Join(chosen).Length <= maxLength)
                break;
            step();
        }
        return TextFitting.Fit(Join(chosen), maxLength);

        static string Join(IEnumerable<string> parts) => string.Join(' ', parts.Where(p => p.Length > 0));
    }

    /// <summary>A sentence and a shorter form of it for when the request's own words leave little room.</summary>
    private sealed record Sentence(string Full, string Compact)
    {
        public Sentence(string both) : this(both, both) { }
    }

    private string Overflow(IEnumerable<string> sentences, PromptLanguage language)
    {
        var extras = language == PromptLanguage.English ? EnglishExtras : KoreanExtras;
        var text = string.Join(' ', sentences);
        for (var i = 0; text.Length <= Math.Max(maxLength, 600) + 50; i++)
            text += " " + extras[i % extras.Length];
        return text;
    }

    private static bool Pick(uint hash, int sentence) => ((hash >> sentence) & 1) == 1;

    private static Sentence[] KoreanSentences(RequestAnalysis analysis, StyleWording wording, uint hash)
    {
        var phrase = analysis.SubjectPhrase(PromptLanguage.Korean);
        var givenMaterial = analysis.Materials.FirstOrDefault();
        var material = givenMaterial ?? DefaultMaterial(analysis);
        var parts = analysis.SubjectIsUnknown ? "주요 형태와 세부 구조" : analysis.Subject.KoreanParts ?? "주요 형태와 세부 구조";

        var materialPart = givenMaterial is not null ? $"{givenMaterial.Korean} 재질의 특성을 살려"
            : material is not null ? $"{material.KoreanDescriptor} 재질로"
            : "형태에 어울리는 재질로";

        var details = Details(analysis, material, PromptLanguage.Korean);
        var detailText = details.Length > 0 ? string.Join(", ", details) : "표면의 미세한 디테일";
        var colour = analysis.Colours.Count > 0
            ? $"{WithObjectParticle(string.Join(", ", analysis.Colours.Select(KoreanColourNoun)) + " 톤")} 또렷하게 살립니다"
            : $"{WithObjectParticle(wording.ColourFallback)} 입힙니다";
        var texture = WithInstrumentalParticle(wording.Texture);

        return
        [
            new(Pick(hash, 0)
                ? $"{WithObjectParticle(phrase)} {wording.Intro} 3D 에셋으로 제작합니다."
                : $"{WithObjectParticle(phrase)} {wording.Intro} 3D 모델로 표현합니다."),
            new(Pick(hash, 1)
                    ? $"{materialPart} {WithObjectParticle(parts)} 실제에 가까운 비율로 배치해 어느 각도에서도 깔끔한 실루엣이 드러나게 합니다."
                    : $"{materialPart} {WithObjectParticle(parts)} 균형 잡힌 비율로 구성하고 어느 각도에서도 읽히는 깔끔한 실루엣을 유지합니다.",
                $"{materialPart} {WithObjectParticle(parts)} 균형 잡힌 비율과 깔끔한 실루엣으로 구성합니다."),
            new(Pick(hash, 2)
                    ? $"{texture} {WithObjectParticle(detailText)} 더하고 {colour}."
                    : $"{texture} {WithObjectParticle(detailText)} 표현하고 {colour}.",
                $"{texture} {WithObjectParticle(details.FirstOrDefault() ?? detailText)} 표현합니다."),
            new(Pick(hash, 3)
                ? $"{WithConjunctiveParticle(wording.Lighting)} {WithInstrumentalParticle(wording.Topology)} 실시간 게임 엔진에 바로 쓸 수 있게 마무리합니다."
                : $"{wording.Lighting}, {WithObjectParticle(wording.Topology)} 갖춘 게임 레디 에셋으로 완성합니다."),
        ];
    }

    private static Sentence[] EnglishSentences(RequestAnalysis analysis, StyleWording wording, uint hash)
    {
        var phrase = WithArticle(analysis.SubjectPhrase(PromptLanguage.English));
        var givenMaterial = analysis.Materials.FirstOrDefault();
        var material = givenMaterial ?? DefaultMaterial(analysis);
        var parts = analysis.SubjectIsUnknown ? "well-defined main forms and secondary details" : analysis.Subject.EnglishParts ?? "well-defined main forms and secondary details";

        var materialPart = givenMaterial is not null ? $"{Capitalise(givenMaterial.English)} construction"
            : material is not null ? Capitalise(material.EnglishDescriptor!)
            : "Fitting materials";

        var details = Details(analysis, material, PromptLanguage.English);
        var detailText = details.Length switch
        {
            0 => "fine surface detail",
            1 => details[0],
            _ => string.Join(", ", details[..^1]) + " and " + details[^1],
        };
        var colour = analysis.Colours.Count > 0
            ? $"keeping the {string.Join(" and ", analysis.Colours.Select(c => c.English))} tones vivid"
            : $"in {wording.ColourFallback}";

        return
        [
            new(Pick(hash, 0)
                ? $"{phrase}, crafted as a {wording.Intro} 3D asset."
                : $"{phrase}, built as a {wording.Intro} 3D model."),
            new(Pick(hash, 1)
                    ? $"{materialPart} shaping {parts}, in believable proportions with a clean silhouette that reads from any angle."
                    : $"{materialPart} with {parts} in balanced, true-to-life proportions and a clean, readable silhouette.",
                $"{materialPart} with {parts} in balanced proportions."),
            new(Pick(hash, 2)
                    ? $"Texture it with {wording.Texture} for {detailText}, {colour}."
                    : $"Use {wording.Texture} to show {detailText}, {colour}.",
                $"Use {wording.Texture} to show {details.FirstOrDefault() ?? detailText}."),
            new(Pick(hash, 3)
                ? $"Keep {wording.Lighting} and {wording.Topology} so it drops straight into a real-time game engine."
                : $"Finish with {wording.Lighting} and {wording.Topology} as a game-ready asset."),
        ];
    }

    private static LexiconTerm? DefaultMaterial(RequestAnalysis analysis) =>
        !analysis.SubjectIsUnknown && analysis.Subject.DefaultMaterial is { } key ? ModellingLexicon.ByKey[key] : null;

    private static string[] Details(RequestAnalysis analysis, LexiconTerm? material, PromptLanguage language) =>
        analysis.Qualities.Prepend(material)
            .Select(t => language == PromptLanguage.English ? t?.EnglishDetail : t?.KoreanDetail)
            .Where(d => !string.IsNullOrEmpty(d))
            .Distinct()
            .ToArray()!;

    private static string KoreanColourNoun(LexiconTerm colour) => colour.Korean.EndsWith('색') ? colour.Korean : colour.Korean + "색";

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static readonly HashSet<string> Determiners = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "this", "that", "these", "those", "my", "our", "your", "his", "her", "their", "some",
        "one", "two", "three", "four", "five", "several", "many", "each", "every",
    };

    /// <summary>"red teapot" → "A red teapot"; keeps the user's own determiner and leaves plurals and non-Latin phrases bare.</summary>
    private static string WithArticle(string phrase)
    {
        var first = phrase.Split(' ', 2)[0];
        var last = phrase.Split(' ')[^1].ToLowerInvariant();
        var plural = last.Length > 3 && last.EndsWith('s') && !last.EndsWith("ss") && !last.EndsWith("us") && !last.EndsWith("is");
        if (Determiners.Contains(first) || plural || first.Length == 0 || !char.IsAsciiLetter(first[0]))
            return Capitalise(phrase);
        var article = "aeiou".Contains(char.ToLowerInvariant(first[0])) ? "An" : "A";
        return $"{article} {phrase}";
    }

    private static readonly string[] KoreanExtras =
    [
        "추가로 정면, 측면, 후면의 형태를 모두 세밀하게 다듬고 작은 부품 하나하나의 모서리에 베벨을 주어 빛을 자연스럽게 받도록 합니다.",
        "텍스처 해상도는 가까이서 보아도 흐려지지 않도록 충분히 높게 유지하고 UV는 겹침 없이 효율적으로 펼쳐 텍셀 밀도를 고르게 맞춥니다.",
        "LOD 단계별 메시를 준비해 먼 거리에서도 실루엣이 무너지지 않게 하고 피벗은 바닥 중앙에 두어 배치가 쉽도록 합니다.",
    ];

    private static readonly string[] EnglishExtras =
    [
        "Additionally, refine the front, side and back views alike and bevel every small part so its edges catch the light naturally.",
        "Keep texture resolution high enough to stay crisp in close-ups and unwrap the UVs without overlaps at an even texel density.",
        "Prepare LOD meshes so the silhouette holds at a distance and place the pivot at the bottom centre for easy placement.",
    ];
}
