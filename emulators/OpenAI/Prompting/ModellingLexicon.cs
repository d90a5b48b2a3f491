namespace Meshy3D.Emulators.OpenAI.Prompting;

public enum TermKind
{
    Colour,
    Material,
    Quality,
    Style,
    Subject,
}

/// <summary>
/// One bilingual entry. Korean/English are the labels the composer writes; the Forms are what a user may
/// type (lower-case; multi-word forms use single spaces). Subjects carry modelling defaults: their usual
/// material and the parts a modeller should show. Materials and qualities carry texture detail.
/// </summary>
public sealed record LexiconTerm(string Key, TermKind Kind, string Korean, string English, string[] KoreanForms, string[] EnglishForms)
{
    public string? DefaultMaterial { get; init; }
    public string? KoreanParts { get; init; }
    public string? EnglishParts { get; init; }
    public string? KoreanDescriptor { get; init; }
    public string? EnglishDescriptor { get; init; }
    public string? KoreanDetail { get; init; }
    public string? EnglishDetail { get; init; }

    /// <summary>What a material word means when nothing else is named: 나무 alone is a tree, 돌 alone a rock.</summary>
    public string? StandaloneSubject { get; init; }

    public ModellingStyle? Style { get; init; }

    public string Label(PromptLanguage language) => language == PromptLanguage.English ? English : Korean;
}

/// <summary>A small Korean–English vocabulary of what people ask 3D generators for.</summary>
public static class ModellingLexicon
{
    public static IReadOnlyList<LexiconTerm> Terms { get; } = Build();

    public static IReadOnlyDictionary<string, LexiconTerm> ByKey { get; } = Terms.ToDictionary(t => t.Key);

    /// <summary>Every form of every term, longest first, so "treasure chest" wins over "chest".</summary>
    public static IReadOnlyList<(string Form, LexiconTerm Term)> Forms { get; } = Terms
        .SelectMany(t => t.KoreanForms.Concat(t.EnglishForms).Select(f => (Form: f, Term: t)))
        .OrderByDescending(x => x.Form.Split(' ').Length)
        .ThenByDescending(x => x.Form.Length)
        .ToArray();

    /// <summary>Subjects used when the request names nothing modellable (e.g. a prompt injection).</summary>
    public static IReadOnlyList<string> GenericSubjects { get; } = ["chest", "lantern", "vase", "barrel"];

    private static LexiconTerm Colour(string key, string ko, string en, string[] koForms, string[] enForms) =>
        new(key, TermKind.Colour, ko, en, koForms, enForms);

    private static LexiconTerm Material(string key, string ko, string en, string[] koForms, string[] enForms,
        string koDescriptor, string enDescriptor, string koDetail, string enDetail, string? standalone = null) =>
        new(key, TermKind.Material, ko, en, koForms, enForms)
        {
            KoreanDescriptor = koDescriptor, EnglishDescriptor = enDescriptor,
            KoreanDetail = koDetail, EnglishDetail = enDetail, StandaloneSubject = standalone,
        };

    private static LexiconTerm Quality(string key, string ko, string en, string[] koForms, string[] enForms, string koDetail, string enDetail) =>
        new(key, TermKind.Quality, ko, en, koForms, enForms) { KoreanDetail = koDetail, EnglishDetail = enDetail };

    private static LexiconTerm Style(ModellingStyle style, string[] koForms, string[] enForms) =>
        new("style-" + style, TermKind.Style, "", "", koForms, enForms) { Style = style };

    private static LexiconTerm Subject(string key, string ko, string en, string[] koForms, string[] enForms,
        string? material, string koParts, string enParts) =>
        new(key, TermKind.Subject, ko, en, koForms, enForms)
        {
            DefaultMaterial = material, KoreanParts = koParts, EnglishParts = enParts,
        };

    private static LexiconTerm[] Build() =>
    [
        Colour("red", "빨간", "red", ["빨간", "빨강", "빨간색", "빨강색", "붉은", "새빨간"], ["red", "crimson", "scarlet"]),
        Colour("blue", "파란", "blue", ["파란", "파랑", "파란색", "파랑색", "푸른"], ["blue", "azure"]),
        Colour("green", "초록", "green", ["초록", "초록색", "녹색", "초록빛"], ["green"]),
        Colour("yellow", "노란", "yellow", ["노란", "노랑", "노란색", "노랑색"], ["yellow"]),
        Colour("white", "흰", "white", ["흰", "하얀", "흰색", "하얀색", "새하얀"], ["white"]),
        Colour("black", "검은", "black", ["검은", "검정", "검정색", "검은색", "까만"], ["black"]),
        Colour("purple", "보라", "purple", ["보라", "보라색", "보랏빛"], ["purple", "violet"]),
        Colour("orange", "주황", "orange", ["주황", "주황색"], ["orange"]),
        Colour("pink", "분홍", "pink", ["분홍", "분홍색", "핑크", "핑크색"], ["pink"]),
        Colour("brown", "갈색", "brown", ["갈색", "밤색"], ["brown"]),
        Colour("gold", "금색", "gold", ["금색", "황금", "황금색", "금빛"], ["gold", "golden"]),
        Colour("silver", "은색", "silver", ["은색", "은빛"], ["silver"]),
        Colour("grey", "회색", "grey", ["회색", "잿빛"], ["grey", "gray"]),

        Material("wood", "나무", "wooden", ["나무", "목재", "원목", "나무로"], ["wood", "wooden", "timber", "oak"],
            "결이 살아 있는 원목", "natural grained wood", "나뭇결과 닳은 모서리", "visible wood grain and worn edges", standalone: "tree"),
        Material("stone", "돌", "stone", ["돌", "석재", "돌로"], ["stone", "cobblestone"],
            "풍화된 석재", "weathered stone", "거친 돌 표면과 틈새의 먼지", "rough stone surfaces and dirt in the crevices", standalone: "rock"),
        Material("metal", "금속", "metal", ["금속", "쇠", "철", "강철", "금속제"], ["metal", "metallic", "iron", "steel"],
            "브러시드 금속", "brushed metal", "미세한 스크래치와 가장자리 하이라이트", "fine scratches and crisp edge highlights"),
        Material("glass", "유리", "glass", ["유리"], ["glass"],
            "투명한 유리", "clear glass", "빛의 굴절과 가장자리 두께감", "refraction and visible edge thickness"),
        Material("ceramic", "도자기", "ceramic", ["도자기", "세라믹", "자기", "도자"], ["ceramic", "porcelain", "clay pottery"],
            "매끄러운 유광 도자기", "smooth glazed ceramic", "은은한 유약 광택과 미세한 사용감", "a subtle glaze sheen and light wear"),
        Material("leather", "가죽", "leather", ["가죽"], ["leather"],
            "부드러운 가죽", "supple leather", "가죽 주름과 스티치", "creases and stitching"),
        Material("fabric", "패브릭", "fabric", ["천", "패브릭", "직물", "봉제", "봉제인형", "인형"], ["fabric", "cloth", "textile", "plush", "plushie", "plushy", "stuffed"],
            "촘촘한 패브릭", "tightly woven fabric", "직물 짜임과 부드러운 주름", "a woven weave and soft folds"),
        Material("plastic", "플라스틱", "plastic", ["플라스틱"], ["plastic"],
            "매트한 플라스틱", "matte plastic", "균일한 표면과 미세한 몰드 라인", "an even surface and faint mould lines"),
        Material("bronze", "청동", "bronze", ["청동", "브론즈"], ["bronze", "brass"],
            "세월이 묻은 청동", "aged bronze", "녹청과 닳아서 드러난 광택", "verdigris and polished worn spots"),
        Material("marble", "대리석", "marble", ["대리석"], ["marble"],
            "연마된 대리석", "polished marble", "자연스러운 결무늬와 은은한 광택", "natural veining and a soft polish"),
        Material("brick", "벽돌", "brick", ["벽돌"], ["brick"],
            "붉은 벽돌", "red brick", "줄눈과 깨진 모서리", "mortar joints and chipped corners"),
        Material("crystal", "크리스탈", "crystal", ["크리스탈", "수정"], ["crystal", "quartz"],
            "반투명한 크리스탈", "translucent crystal", "각진 면과 내부 반사", "sharp facets and inner reflections"),
        Material("fur", "털", "fur", ["털", "털복숭이"], ["fur", "furry"],
            "부드러운 털", "soft fur", "결 방향이 살아 있는 털 질감", "directional fur strands"),
        Material("scales", "비늘", "scales", ["비늘"], ["scales", "scaly"],
            "단단한 비늘", "hard scales", "겹겹이 겹친 비늘 패턴", "overlapping scale patterns"),
        Material("paper", "종이", "paper", ["종이"], ["paper", "parchment"],
            "오래된 종이", "aged paper", "닳은 가장자리와 종이 결", "worn edges and paper fibres"),

        Quality("mossy", "이끼 낀", "mossy", ["이끼", "이끼낀", "이끼 낀", "이끼가 낀", "이끼로 덮인"], ["mossy", "moss covered", "moss"],
            "틈새마다 자라난 이끼", "moss growing in every crevice"),
        Quality("old", "낡은", "old", ["낡은", "오래된", "빈티지", "헌"], ["old", "weathered", "worn", "vintage", "aged"],
            "세월이 느껴지는 마모와 얼룩", "age-worn scuffs and stains"),
        Quality("rusty", "녹슨", "rusty", ["녹슨", "녹이 슨"], ["rusty", "rusted"],
            "군데군데 번진 녹", "patches of spreading rust"),
        Quality("cracked", "금이 간", "cracked", ["금이 간", "갈라진", "깨진"], ["cracked", "broken", "chipped"],
            "표면을 가로지르는 금", "cracks running across the surface"),
        Quality("ornate", "화려한", "ornate", ["화려한", "장식된", "장식적인"], ["ornate", "decorated", "decorative", "intricate"],
            "섬세한 장식 문양", "intricate ornamental patterns"),
        Quality("ancient", "고대의", "ancient", ["고대", "고대의", "옛날"], ["ancient", "antique"],
            "오랜 세월이 남긴 풍화 자국", "the erosion of centuries"),
        Quality("medieval", "중세풍", "medieval", ["중세", "중세풍", "중세의"], ["medieval"],
            "중세풍의 손으로 다듬은 흔적", "hand-forged medieval craftsmanship"),
        Quality("futuristic", "미래적인", "futuristic", ["미래적인", "미래형", "미래", "sf", "사이버펑크"], ["futuristic", "sci fi", "scifi", "cyberpunk"],
            "발광 패널과 정밀한 기계 디테일", "glowing panels and precise mechanical details"),
        Quality("fantasy", "판타지풍", "fantasy", ["판타지", "판타지풍", "마법의", "마법"], ["fantasy", "magical", "magic", "enchanted"],
            "은은하게 빛나는 마법 문양", "softly glowing magical runes"),
        Quality("cute", "귀여운", "cute", ["귀여운", "깜찍한"], ["cute", "adorable"],
            "둥글고 부드러운 모서리", "rounded, soft edges"),
        Quality("small", "작은", "small", ["작은", "소형", "미니"], ["small", "tiny", "little", "mini"],
            "작은 크기에 맞춘 간결한 디테일", "details scaled to its small size"),
        Quality("large", "거대한", "large", ["큰", "거대한", "대형"], ["large", "big", "giant", "huge"],
            "크기를 느끼게 하는 굵직한 디테일", "bold details that sell its scale"),
        Quality("shiny", "반짝이는", "shiny", ["반짝이는", "광택", "광택있는", "윤기나는"], ["shiny", "glossy", "polished"],
            "선명한 반사 하이라이트", "crisp specular highlights"),

        Style(ModellingStyle.Realistic, ["사실적인", "사실적", "리얼한", "실사", "리얼리스틱"], ["realistic", "photorealistic", "lifelike"]),
        Style(ModellingStyle.Stylised, ["카툰", "만화풍", "만화", "스타일라이즈드", "애니풍"], ["stylized", "stylised", "cartoon", "toon", "cartoony"]),
        Style(ModellingStyle.LowPoly, ["로우폴리", "로우 폴리", "저폴리"], ["low poly", "lowpoly"]),
        Style(ModellingStyle.HandPainted, ["핸드페인팅", "핸드 페인팅", "손그림", "수채화풍"], ["hand painted", "handpainted"]),
        Style(ModellingStyle.Sculpted, ["스컬프팅", "조각 같은", "하이폴리"], ["sculpted", "high poly", "highpoly"]),
        Style(ModellingStyle.Miniature, ["미니어처", "디오라마", "장난감 같은"], ["miniature", "diorama", "toy like"]),

        Subject("teapot", "찻주전자", "teapot", ["찻주전자", "주전자", "티포트"], ["teapot", "kettle", "tea pot"], "ceramic",
            "둥근 몸체, 곡선형 주둥이, 손잡이, 뚜껑", "a rounded body, curved spout, handle and lid"),
        Subject("chair", "의자", "chair", ["의자", "체어"], ["chair", "armchair", "stool"], "wood",
            "좌판, 등받이, 네 개의 다리", "a seat, backrest and four sturdy legs"),
        Subject("well", "우물", "well", ["우물"], ["well", "wishing well"], "stone",
            "둥근 석조 벽, 나무 지붕 틀, 밧줄 달린 두레박", "a round stone wall, a wooden roof frame and a bucket on a rope"),
        Subject("sword", "검", "sword", ["검", "칼", "장검", "대검"], ["sword", "blade", "longsword", "katana"], "metal",
            "곧은 칼날, 코등이, 가죽 감긴 손잡이, 폼멜", "a straight blade, crossguard, leather-wrapped grip and pommel"),
        Subject("house", "집", "house", ["집", "주택", "오두막", "하우스"], ["house", "cottage", "cabin", "hut"], "wood",
            "벽체, 지붕, 문, 창문, 굴뚝", "walls, a pitched roof, a door, windows and a chimney"),
        Subject("tree", "나무", "tree", ["나무 한 그루", "소나무", "참나무"], ["tree", "oak tree", "pine tree"], "wood",
            "굵은 줄기, 뻗은 가지, 풍성한 잎", "a thick trunk, spreading branches and full foliage"),
        Subject("rock", "바위", "rock", ["바위", "바윗돌"], ["rock", "boulder"], "stone",
            "자연스러운 덩어리감과 깎인 면", "a natural mass with chiselled faces"),
        Subject("table", "탁자", "table", ["탁자", "테이블", "식탁", "책상"], ["table", "desk"], "wood",
            "상판과 튼튼한 다리", "a tabletop and sturdy legs"),
        Subject("cup", "컵", "mug", ["컵", "머그", "머그컵", "찻잔"], ["cup", "mug", "teacup"], "ceramic",
            "원통형 몸통과 손잡이", "a cylindrical body and a handle"),
        Subject("vase", "꽃병", "vase", ["꽃병", "화병", "항아리"], ["vase", "urn", "pot"], "ceramic",
            "좁은 목, 불룩한 몸통, 받침", "a narrow neck, a swelling body and a foot"),
        Subject("lantern", "랜턴", "lantern", ["랜턴", "등불", "램프", "등"], ["lantern", "lamp"], "metal",
            "금속 프레임, 유리 갓, 고리 손잡이", "a metal frame, glass panes and a ring handle"),
        Subject("chest", "보물 상자", "treasure chest", ["보물상자", "보물 상자", "상자", "궤짝"], ["treasure chest", "chest", "crate", "box"], "wood",
            "몸체, 둥근 뚜껑, 금속 모서리 장식, 자물쇠", "a body, a curved lid, metal corner braces and a lock"),
        Subject("barrel", "나무통", "barrel", ["나무통", "술통", "통"], ["barrel", "cask"], "wood",
            "휘어진 나무 판재와 금속 테", "curved wooden staves and metal hoops"),
        Subject("shield", "방패", "shield", ["방패"], ["shield"], "metal",
            "방패면, 두꺼운 테두리, 중앙 돌기", "a face, a thick rim and a central boss"),
        Subject("axe", "도끼", "axe", ["도끼"], ["axe", "hatchet"], "metal",
            "넓은 도끼날과 나무 자루", "a broad head and a wooden haft"),
        Subject("helmet", "투구", "helmet", ["투구", "헬멧"], ["helmet"], "metal",
            "머리 보호대, 얼굴 가리개, 리벳", "a dome, a visor and rivets"),
        Subject("crown", "왕관", "crown", ["왕관"], ["crown", "tiara"], "metal",
            "둥근 띠, 뾰족한 장식, 박힌 보석", "a circlet, pointed ornaments and set gems"),
        Subject("bottle", "병", "bottle", ["병", "물병", "포션"], ["bottle", "potion", "flask"], "glass",
            "둥근 몸통, 가는 목, 코르크 마개", "a round body, a slender neck and a cork"),
        Subject("book", "책", "book", ["책", "마법서"], ["book", "tome", "spellbook"], "paper",
            "두꺼운 표지, 책등, 겹친 페이지", "a thick cover, a spine and stacked pages"),
        Subject("bench", "벤치", "bench", ["벤치"], ["bench"], "wood",
            "긴 좌판과 받침 다리", "a long seat and supporting legs"),
        Subject("sofa", "소파", "sofa", ["소파"], ["sofa", "couch"], "fabric",
            "쿠션 좌석, 등받이, 팔걸이", "cushioned seats, a backrest and armrests"),
        Subject("bed", "침대", "bed", ["침대"], ["bed"], "wood",
            "프레임, 매트리스, 베개, 헤드보드", "a frame, mattress, pillows and headboard"),
        Subject("boat", "보트", "boat", ["배", "보트", "나룻배", "돛단배"], ["boat", "ship", "rowboat", "sailboat"], "wood",
            "선체, 갑판, 노 또는 돛", "a hull, a deck and oars or a sail"),
        Subject("car", "자동차", "car", ["자동차", "차", "승용차"], ["car", "vehicle"], "metal",
            "차체, 바퀴, 창문, 헤드라이트", "a body, wheels, windows and headlights"),
        Subject("robot", "로봇", "robot", ["로봇"], ["robot", "mech", "android"], "metal",
            "머리, 몸통, 관절이 드러난 팔다리", "a head, a torso and jointed limbs"),
        Subject("castle", "성", "castle", ["성", "성채", "요새"], ["castle", "fortress"], "stone",
            "성벽, 망루, 성문, 흉벽", "curtain walls, towers, a gate and battlements"),
        Subject("tower", "탑", "tower", ["탑", "타워", "첨탑"], ["tower", "spire"], "stone",
            "원통형 몸체, 창문, 뾰족한 지붕", "a cylindrical body, windows and a pointed roof"),
        Subject("statue", "석상", "statue", ["석상", "조각상", "동상"], ["statue", "sculpture", "bust"], "stone",
            "받침대와 인물의 자세", "a plinth and a clear pose"),
        Subject("dragon", "용", "dragon", ["용", "드래곤"], ["dragon", "wyvern"], "scales",
            "뿔 달린 머리, 날개, 긴 꼬리, 네 다리", "a horned head, wings, a long tail and four legs"),
        Subject("cat", "고양이", "cat", ["고양이", "냥이"], ["cat", "kitten"], "fur",
            "머리, 뾰족한 귀, 몸통, 긴 꼬리", "a head, pointed ears, a body and a long tail"),
        Subject("dog", "강아지", "dog", ["강아지", "멍멍이"], ["dog", "puppy"], "fur",
            "머리, 늘어진 귀, 몸통, 꼬리", "a head, floppy ears, a body and a tail"),
        Subject("mushroom", "버섯", "mushroom", ["버섯"], ["mushroom", "toadstool"], null,
            "둥근 갓과 굵은 대", "a rounded cap and a stout stem"),
        Subject("character", "캐릭터", "character", ["캐릭터", "인물", "기사", "전사"], ["character", "knight", "warrior", "hero"], "fabric",
            "머리, 몸통, 팔다리, 의상과 장비", "a head, torso, limbs, outfit and gear"),
    ];
}
