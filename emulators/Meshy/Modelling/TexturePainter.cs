namespace Meshy3D.Emulators.Meshy.Modelling;

/// <summary>The PBR maps of a refined model. Metallic and roughness also come packed the glTF way.</summary>
public sealed record TextureSet(Image BaseColor, Image Metallic, Image Roughness, Image Normal, Image MetallicRoughness);

/// <summary>
/// Paints each part's atlas cell from its surface: grain for wood, blotches and cracks for stone,
/// brushing for metal, patches for moss. The height field of the pattern becomes the normal map.
/// </summary>
public static class TexturePainter
{
    private static readonly Rgb Moss = new(74, 112, 40);

    public static TextureSet Paint(Mesh mesh, int size, int seed)
    {
        var baseColor = new Image(size, size, 3);
        var metallic = new Image(size, size, 3);
        var roughness = new Image(size, size, 3);
        var packed = new Image(size, size, 3);
        var height = new float[size * size];
        var noise = new ValueNoise(seed);

        var partCount = mesh.Parts.Count;
        var columns = (int)Math.Ceiling(Math.Sqrt(partCount));
        var rows = (int)Math.Ceiling(partCount / (double)columns);

        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            float u = (x + 0.5f) / size, v = (y + 0.5f) / size;
            var part = Math.Min(partCount - 1, Math.Min((int)(v * rows), rows - 1) * columns + Math.Min((int)(u * columns), columns - 1));
            var surface = mesh.Parts[part].Surface;
            var (colour, rough, h) = Shade(surface, noise, u * 8, v * 8);
            if (surface.Mossy)
            {
                var patch = noise.Fractal(u * 5 + 17, v * 5 + 3, 4);
                if (patch > 0.52f)
                {
                    var t = Math.Clamp((patch - 0.52f) * 8, 0, 1);
                    colour = Rgb.Lerp(colour, Moss.Scale(0.8f + 0.4f * noise.Fractal(u * 60, v * 60, 2)), t);
                    rough = rough + (0.95f - rough) * t;
                    h += t * 0.4f * noise.Fractal(u * 80, v * 80, 2);
                }
            }
            baseColor.Set(x, y, colour);
            var metal = (byte)(surface.Metallic * 255);
            var r = (byte)(Math.Clamp(rough, 0.02f, 1f) * 255);
            metallic.Set(x, y, new Rgb(metal, metal, metal));
            roughness.Set(x, y, new Rgb(r, r, r));
            packed.Set(x, y, new Rgb(0, r, metal)); // glTF: G = roughness, B = metallic
            height[y * size + x] = h;
        }

        var normal = new Image(size, size, 3);
        const float strength = 2.5f;
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            float H(int xx, int yy) => height[Math.Clamp(yy, 0, size - 1) * size + Math.Clamp(xx, 0, size - 1)];
            var dx = (H(x + 1, y) - H(x - 1, y)) * strength;
            var dy = (H(x, y + 1) - H(x, y - 1)) * strength;
            // OpenGL-style (+Y up) tangent-space normal, as glTF expects; image rows run downwards.
            var length = MathF.Sqrt(dx * dx + dy * dy + 1);
            normal.Set(x, y, new Rgb(ToByte(-dx / length), ToByte(dy / length), ToByte(1 / length)));
        }
        return new TextureSet(baseColor, metallic, roughness, normal, packed);
    }

    private static byte ToByte(float n) => (byte)Math.Clamp((n * 0.5f + 0.5f) * 255, 0, 255);

    private static (Rgb Colour, float Roughness, float Height) Shade(Surface s, ValueNoise noise, float u, float v)
    {
        switch (s.Pattern)
        {
            case SurfacePattern.Wood:
            {
                var grain = MathF.Sin(v * 30 + noise.Fractal(u * 2, v * 2, 3) * 8) * 0.5f + 0.5f;
                var fine = noise.Fractal(u * 40, v * 4, 2);
                return (s.Color.Scale(0.75f + 0.35f * grain + 0.1f * fine), s.Roughness + 0.1f * grain, grain * 0.3f + fine * 0.1f);
            }
            case SurfacePattern.Stone:
            {
                var blotch = noise.Fractal(u * 3, v * 3, 5);
                var crack = MathF.Abs(noise.Fractal(u * 6 + 9, v * 6 + 9, 3) - 0.5f) < 0.015f ? 0.55f : 1f;
                return (s.Color.Scale((0.7f + 0.5f * blotch) * crack), s.Roughness, blotch * 0.8f - (crack < 1 ? 0.3f : 0));
            }
            case SurfacePattern.Metal:
            {
                var brush = noise.Fractal(u * 2, v * 60, 2);
                return (s.Color.Scale(0.9f + 0.15f * brush), s.Roughness + 0.1f * brush, brush * 0.05f);
            }
            case SurfacePattern.Foliage:
            {
                var leaves = noise.Fractal(u * 20, v * 20, 3);
                return (s.Color.Scale(0.6f + 0.7f * leaves), s.Roughness, leaves * 0.6f);
            }
            case SurfacePattern.Fabric:
            {
                var weave = MathF.Sin(u * 400) * MathF.Sin(v * 400) * 0.5f + 0.5f;
                return (s.Color.Scale(0.85f + 0.2f * weave), s.Roughness, weave * 0.15f);
            }
            default:
            {
                var speck = noise.Fractal(u * 10, v * 10, 3);
                return (s.Color.Scale(0.95f + 0.08f * speck), s.Roughness, speck * 0.05f);
            }
        }
    }
}

/// <summary>Seeded lattice noise: the same prompt always paints the same texture.</summary>
public sealed class ValueNoise(int seed)
{
    private float Lattice(int x, int y)
    {
        unchecked
        {
            var h = (uint)(x * 374761393 + y * 668265263 + seed * 982451653);
            h = (h ^ (h >> 13)) * 1274126177u;
            return ((h ^ (h >> 16)) & 0xFFFFFF) / (float)0xFFFFFF;
        }
    }

    public float Sample(float x, float y)
    {
        int x0 = (int)MathF.Floor(x), y0 = (int)MathF.Floor(y);
        float fx = x - x0, fy = y - y0;
        fx = fx * fx * (3 - 2 * fx);
        fy = fy * fy * (3 - 2 * fy);
        var top = Lattice(x0, y0) + (Lattice(x0 + 1, y0) - Lattice(x0, y0)) * fx;
        var bottom = Lattice(x0, y0 + 1) + (Lattice(x0 + 1, y0 + 1) - Lattice(x0, y0 + 1)) * fx;
        return top + (bottom - top) * fy;
    }

    public float Fractal(float x, float y, int octaves)
    {
        float sum = 0, amplitude = 0.5f, total = 0;
        for (var i = 0; i < octaves; i++)
        {
            sum += Sample(x, y) * amplitude;
            total += amplitude;
            x *= 2.03f;
            y *= 2.03f;
            amplitude *= 0.5f;
        }
        return sum / total;
    }
}
