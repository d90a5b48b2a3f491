namespace Meshy3D.Emulators.OpenAI.Prompting;

/// <summary>The emphasis of one enhancement; variants differ by style so they are genuinely different prompts.</summary>
public enum ModellingStyle
{
    Realistic,
    Stylised,
    LowPoly,
    HandPainted,
    Sculpted,
    Miniature,
}

/// <summary>How a style is worded in each language. Each slot is a fragment the composer's sentences slot in.</summary>
internal sealed record StyleWording(
    string Name,
    string Intro,
    string Texture,
    string ColourFallback,
    string Lighting,
    string Topology,
    string Rationale);

internal static class StyleWordings
{
    public static IReadOnlyList<ModellingStyle> Order { get; } = Enum.GetValues<ModellingStyle>();

    public static StyleWording For(ModellingStyle style, PromptLanguage language) =>
        language == PromptLanguage.English ? English[style] : Korean[style];

    private const string KoreanNeutralLighting = "조명이 베이크되지 않은 중립적인 텍스처";
    private const string EnglishNeutralLighting = "lighting-neutral albedo free of baked shadows";

    private static readonly Dictionary<ModellingStyle, StyleWording> Korean = new()
    {
        [ModellingStyle.Realistic] = new("사실적", "사실적인",
            "4K PBR 텍스처(베이스 컬러, 러프니스, 메탈릭, 노멀 맵)", "실물에 가까운 자연스러운 색감", KoreanNeutralLighting,
            "1만~2만 폴리곤의 쿼드 위주 깔끔한 토폴로지",
            "실제 재질감과 정확한 비율을 강조해 사실적인 렌더링과 PBR 워크플로에 잘 맞습니다."),
        [ModellingStyle.Stylised] = new("스타일라이즈드", "부드러운 곡선과 살짝 과장된 비율의 스타일라이즈드",
            "디테일을 단순화한 2K PBR 텍스처", "채도가 높은 선명한 색감", KoreanNeutralLighting,
            "5천~1만 폴리곤의 매끄러운 서브디비전 친화 토폴로지",
            "형태를 단순화하고 비율을 과장해 캐주얼 게임이나 애니메이션에 어울리는 친근한 인상을 줍니다."),
        [ModellingStyle.LowPoly] = new("로우폴리", "각진 면이 살아 있는 로우폴리",
            "작은 텍스처 아틀라스와 플랫 셰이딩", "면마다 구분되는 단순한 색 팔레트", KoreanNeutralLighting,
            "1천~3천 폴리곤의 가벼운 최적화 메시",
            "폴리곤 수를 크게 줄여 모바일과 웹 게임에서도 가볍게 쓸 수 있는 에셋입니다."),
        [ModellingStyle.HandPainted] = new("핸드페인팅", "핸드페인팅 텍스처 스타일의",
            "손으로 그린 듯한 디퓨즈 텍스처", "붓 터치가 느껴지는 따뜻한 색감", "은은한 음영만 칠해 넣은 텍스처",
            "3천~8천 폴리곤의 단순한 형태",
            "붓 터치 텍스처로 판타지 RPG 같은 아기자기한 분위기를 살립니다."),
        [ModellingStyle.Sculpted] = new("스컬프팅", "고해상도 스컬프팅 디테일을 살린",
            "하이폴리 스컬프트에서 베이크한 노멀 맵과 AO 맵", "디테일이 잘 드러나는 차분한 색감", KoreanNeutralLighting,
            "리토폴로지를 거친 2만 폴리곤 이하의 게임용 메시",
            "스컬프팅한 미세한 표면 디테일을 노멀 맵에 담아 가까이서 봐도 질감이 풍부합니다."),
        [ModellingStyle.Miniature] = new("미니어처", "장난감 같은 미니어처 디오라마 느낌의",
            "부드러운 2K 텍스처", "파스텔 톤의 포근한 색감", KoreanNeutralLighting,
            "4천~1만 폴리곤의 닫힌(워터타이트) 메시",
            "아기자기한 미니어처 감성으로 디오라마 전시나 3D 프린팅에 잘 어울립니다."),
    };

    private static readonly Dictionary<ModellingStyle, StyleWording> English = new()
    {
        [ModellingStyle.Realistic] = new("realistic", "realistic",
            "4K PBR maps (albedo, roughness, metallic, normal)", "natural, true-to-life colours", EnglishNeutralLighting,
            "10k-20k-poly quad-based topology",
            "Stresses true materials and accurate proportions, ideal for realistic rendering and a PBR workflow."),
        [ModellingStyle.Stylised] = new("stylised", "stylised, softly exaggerated",
            "simplified 2K PBR textures", "saturated, vivid colours", EnglishNeutralLighting,
            "5k-10k-poly subdivision-friendly topology",
            "Simplified forms and exaggerated proportions give a friendly look for casual games and animation."),
        [ModellingStyle.LowPoly] = new("low-poly", "faceted low-poly",
            "a small texture atlas with flat shading", "a simple palette with one colour per face", EnglishNeutralLighting,
            "a lean 1k-3k-poly optimised mesh",
            "A much lower polycount keeps it light enough for mobile and web games."),
        [ModellingStyle.HandPainted] = new("hand-painted", "hand-painted",
            "hand-painted diffuse textures", "warm, brushy colours", "only soft painted shading in the textures",
            "simple 3k-8k-poly forms",
            "Painterly brushwork textures give it the cosy charm of a fantasy RPG."),
        [ModellingStyle.Sculpted] = new("sculpted", "finely sculpted, high-detail",
            "normal and AO maps baked from a high-poly sculpt", "calm colours that let the detail read", EnglishNeutralLighting,
            "a retopologised game mesh under 20k polys",
            "Sculpted micro-detail baked into normal maps holds up even in close-ups."),
        [ModellingStyle.Miniature] = new("miniature", "toy-like miniature diorama",
            "soft 2K textures", "cosy pastel colours", EnglishNeutralLighting,
            "a closed, watertight 4k-10k-poly mesh",
            "A charming miniature look that suits dioramas and 3D printing."),
    };
}
