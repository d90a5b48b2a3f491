namespace Meshy3D.Emulators.Meshy.Modelling;

/// <summary>sRGB colour, 0–255 per channel.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    public static Rgb Lerp(Rgb a, Rgb b, float t) => new(
        (byte)Math.Clamp(a.R + (b.R - a.R) * t, 0, 255),
        (byte)Math.Clamp(a.G + (b.G - a.G) * t, 0, 255),
        (byte)Math.Clamp(a.B + (b.B - a.B) * t, 0, 255));

    public Rgb Scale(float f) => new(
        (byte)Math.Clamp(R * f, 0, 255), (byte)Math.Clamp(G * f, 0, 255), (byte)Math.Clamp(B * f, 0, 255));

    /// <summary>glTF factors are linear; textures stay sRGB.</summary>
    public float[] ToLinear() => [ToLinear(R), ToLinear(G), ToLinear(B)];

    private static float ToLinear(byte c)
    {
        var s = c / 255f;
        return s <= 0.04045f ? s / 12.92f : MathF.Pow((s + 0.055f) / 1.055f, 2.4f);
    }
}

/// <summary>The look the painter gives a texture cell, beyond a flat colour.</summary>
public enum SurfacePattern { Plain, Wood, Stone, Metal, Foliage, Fabric }

public sealed record Surface(string Name, Rgb Color, float Metallic, float Roughness, SurfacePattern Pattern, bool Mossy = false)
{
    public Surface WithColor(Rgb color) => this with { Color = color };
}
