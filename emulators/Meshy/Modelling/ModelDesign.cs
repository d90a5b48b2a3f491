using System.Text.RegularExpressions;

namespace Meshy3D.Emulators.Meshy.Modelling;

public enum ShapeKind { Chair, Table, Tree, Sphere, Teapot, Vase, House, Well, Sword, Car, Box, Blob }

/// <summary>What the prompt asked for, as far as the procedural modeller understands it.</summary>
public sealed record ModelDesign(ShapeKind Shape, Surface Primary, Surface Secondary, Surface Accent, int Seed)
{
    /// <summary>A refine may repaint the preview's shape from its own texture prompt.</summary>
    public ModelDesign Repainted(string texturePrompt)
    {
        var colours = PromptInterpreter.Colours(texturePrompt);
        if (colours.Count == 0 && !PromptInterpreter.HasMaterialWords(texturePrompt)) return this;
        var repainted = PromptInterpreter.Interpret(texturePrompt, Shape);
        return repainted with { Seed = Seed };
    }
}

/// <summary>
/// Reads shape and colour words in English and Korean. Korean is matched as a substring (a pattern) because
/// it glues particles to words (빨간색의, 의자를); English by whole word, plurals allowed.
/// </summary>
public static class PromptInterpreter
{
    private static readonly (ShapeKind Shape, string[] English, string[] Korean)[] ShapeWords =
    [
        (ShapeKind.Teapot, ["teapot", "kettle"], ["찻주전자", "주전자"]),
        (ShapeKind.Chair, ["chair", "stool", "throne", "armchair"], ["의자"]),
        (ShapeKind.Table, ["table", "desk"], ["테이블", "탁자", "책상"]),
        (ShapeKind.Well, ["well"], ["우물"]),
        (ShapeKind.House, ["house", "cottage", "cabin", "hut", "home", "building"], ["집", "주택", "오두막"]),
        (ShapeKind.Sword, ["sword", "blade", "katana", "dagger"], ["검(?![은정])", "칼"]),
        (ShapeKind.Car, ["car", "truck", "vehicle", "automobile"], ["자동차", "트럭"]),
        (ShapeKind.Vase, ["vase", "pot", "jar", "urn", "bottle"], ["꽃병", "항아리", "화분"]),
        (ShapeKind.Sphere, ["sphere", "ball", "orb", "planet", "globe"], ["공", "구슬", "구체"]),
        (ShapeKind.Box, ["cube", "box", "crate", "block", "chest"], ["상자", "큐브", "박스"]),
        // Last: 나무 is both "tree" and "wood" (나무 의자 is a wooden chair).
        (ShapeKind.Tree, ["tree", "pine"], ["나무"]),
    ];

    private static readonly (Rgb Color, string[] English, string[] Korean)[] ColourWords =
    [
        (new Rgb(200, 32, 36), ["red", "crimson", "scarlet"], ["빨간", "빨강", "붉은", "빨간색"]),
        (new Rgb(36, 84, 210), ["blue", "navy", "azure"], ["파란", "파랑", "푸른"]),
        (new Rgb(46, 150, 60), ["green", "emerald"], ["초록", "녹색"]),
        (new Rgb(236, 200, 40), ["yellow"], ["노란", "노랑"]),
        (new Rgb(236, 236, 232), ["white", "ivory"], ["흰", "하얀"]),
        (new Rgb(28, 28, 30), ["black", "ebony"], ["검은", "검정", "까만"]),
        (new Rgb(120, 78, 44), ["brown", "wooden", "wood", "oak"], ["갈색", "목재", "나무로"]),
        (new Rgb(212, 168, 55), ["gold", "golden", "brass"], ["황금", "금색", "금빛"]),
        (new Rgb(190, 192, 198), ["silver", "steel", "iron", "metal", "metallic", "chrome"], ["은색", "은빛", "강철", "금속"]),
        (new Rgb(128, 126, 120), ["stone", "rock", "granite", "grey", "gray", "concrete"], ["돌", "석조", "회색", "바위"]),
        (new Rgb(130, 60, 170), ["purple", "violet"], ["보라"]),
        (new Rgb(236, 120, 30), ["orange"], ["주황"]),
        (new Rgb(236, 130, 170), ["pink"], ["분홍"]),
    ];

    private static readonly string[] MossWords = ["moss", "mossy", "이끼"];

    public static ModelDesign Interpret(string prompt, ShapeKind? shape = null)
    {
        var text = prompt.ToLowerInvariant();
        var kind = shape ?? DetectShape(text);
        var (primary, secondary, accent) = DefaultSurfaces(kind);
        var colours = Colours(text);
        if (colours.Count > 0) primary = Restyle(primary, colours[0]);
        if (colours.Count > 1) secondary = Restyle(secondary, colours[1]);
        if (colours.Count > 2) accent = Restyle(accent, colours[2]);
        if (MossWords.Any(w => Contains(text, w))) primary = primary with { Mossy = true };
        return new ModelDesign(kind, primary, secondary, accent, StableHash(prompt));
    }

    public static bool HasMaterialWords(string prompt) => MossWords.Any(w => Contains(prompt.ToLowerInvariant(), w));

    public static ShapeKind DetectShape(string text)
    {
        // Priority order, not position: English puts the subject first ("a chair by a tree"),
        // Korean last ("나무 의자"), so a fixed order of specific-before-generic is steadier.
        foreach (var (kind, english, korean) in ShapeWords)
            if (FirstPosition(text, english, korean) != int.MaxValue) return kind;
        return ShapeKind.Blob;
    }

    /// <summary>Colour words in the order they appear.</summary>
    public static List<Rgb> Colours(string prompt)
    {
        var text = prompt.ToLowerInvariant();
        return ColourWords
            .Select(c => (c.Color, Position: FirstPosition(text, c.English, c.Korean)))
            .Where(c => c.Position != int.MaxValue)
            .OrderBy(c => c.Position)
            .Select(c => c.Color)
            .ToList();
    }

    private static int FirstPosition(string text, string[] english, string[] korean)
    {
        var best = int.MaxValue;
        foreach (var word in english)
        {
            var match = Regex.Match(text, $@"\b{Regex.Escape(word)}(s|es)?\b");
            if (match.Success) best = Math.Min(best, match.Index);
        }
        foreach (var word in korean)
        {
            var match = Regex.Match(text, word);
            if (match.Success) best = Math.Min(best, match.Index);
        }
        return best;
    }

    private static bool Contains(string text, string word) =>
        word.Any(c => c > 0x7f) ? text.Contains(word, StringComparison.Ordinal) : Regex.IsMatch(text, $@"\b{Regex.Escape(word)}\b");

    /// <summary>Metals shine, stone and wood keep their grain: the colour word also picks the material.</summary>
    private static Surface Restyle(Surface surface, Rgb colour) => colour switch
    {
        { R: 212, G: 168, B: 55 } => surface with { Color = colour, Metallic = 1, Roughness = 0.3f, Pattern = SurfacePattern.Metal },
        { R: 190, G: 192, B: 198 } => surface with { Color = colour, Metallic = 1, Roughness = 0.25f, Pattern = SurfacePattern.Metal },
        { R: 128, G: 126, B: 120 } => surface with { Color = colour, Metallic = 0, Roughness = 0.9f, Pattern = SurfacePattern.Stone },
        { R: 120, G: 78, B: 44 } => surface with { Color = colour, Metallic = 0, Roughness = 0.7f, Pattern = SurfacePattern.Wood },
        _ => surface with { Color = colour, Metallic = surface.Pattern == SurfacePattern.Metal ? surface.Metallic : 0 },
    };

    private static readonly Surface Wood = new("wood", new Rgb(120, 78, 44), 0, 0.7f, SurfacePattern.Wood);
    private static readonly Surface DarkWood = new("dark wood", new Rgb(82, 52, 30), 0, 0.75f, SurfacePattern.Wood);
    private static readonly Surface Stone = new("stone", new Rgb(128, 126, 120), 0, 0.9f, SurfacePattern.Stone);
    private static readonly Surface Leaves = new("leaves", new Rgb(52, 130, 50), 0, 0.8f, SurfacePattern.Foliage);
    private static readonly Surface Steel = new("steel", new Rgb(190, 192, 198), 1, 0.25f, SurfacePattern.Metal);
    private static readonly Surface Gold = new("gold", new Rgb(212, 168, 55), 1, 0.3f, SurfacePattern.Metal);
    private static readonly Surface Ceramic = new("ceramic", new Rgb(236, 236, 232), 0, 0.35f, SurfacePattern.Plain);
    private static readonly Surface Paint = new("paint", new Rgb(200, 32, 36), 0.3f, 0.35f, SurfacePattern.Plain);
    private static readonly Surface Rubber = new("rubber", new Rgb(28, 28, 30), 0, 0.9f, SurfacePattern.Plain);
    private static readonly Surface Plaster = new("plaster", new Rgb(226, 214, 190), 0, 0.85f, SurfacePattern.Stone);
    private static readonly Surface RoofTile = new("roof", new Rgb(150, 60, 40), 0, 0.8f, SurfacePattern.Stone);
    private static readonly Surface Cloth = new("cloth", new Rgb(150, 150, 160), 0, 0.9f, SurfacePattern.Fabric);
    private static readonly Surface Clay = new("clay", new Rgb(176, 96, 60), 0, 0.8f, SurfacePattern.Stone);

    private static (Surface Primary, Surface Secondary, Surface Accent) DefaultSurfaces(ShapeKind kind) => kind switch
    {
        ShapeKind.Chair => (Wood, DarkWood, Cloth),
        ShapeKind.Table => (Wood, DarkWood, Steel),
        ShapeKind.Tree => (Leaves, DarkWood, Leaves),
        ShapeKind.Sphere => (Ceramic with { Color = new Rgb(180, 180, 186) }, Steel, Gold),
        ShapeKind.Teapot => (Ceramic, Ceramic, Gold),
        ShapeKind.Vase => (Clay, Clay, Gold),
        ShapeKind.House => (Plaster, RoofTile, DarkWood),
        ShapeKind.Well => (Stone, Wood, RoofTile),
        ShapeKind.Sword => (Steel, DarkWood, Gold),
        ShapeKind.Car => (Paint, Rubber, Steel),
        ShapeKind.Box => (Wood, Steel, DarkWood),
        _ => (Clay with { Color = new Rgb(170, 170, 176), Name = "clay" }, Stone, Gold),
    };

    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text) hash = (hash ^ c) * 16777619;
            return hash & 0x7fffffff;
        }
    }
}
