using System.Numerics;

namespace Meshy3D.Emulators.Meshy.Modelling;

/// <summary>
/// Procedural stand-ins for what a prompt names. Units are metres, Y is up and the origin sits at
/// the bottom centre (Meshy's default <c>origin_at: bottom</c>).
/// </summary>
public static class ShapeLibrary
{
    /// <summary>Builds the shape at a tessellation that lands near <paramref name="targetTriangles"/>.</summary>
    public static Mesh Sculpt(ModelDesign design, int targetTriangles)
    {
        // Triangle count grows with detail², so two corrections from a probe land close enough.
        var detail = 1f;
        var count = Count(design, detail);
        for (var i = 0; i < 3 && count > 0; i++)
        {
            var ratio = (float)targetTriangles / count;
            if (ratio is > 0.85f and < 1.15f) break;
            detail = Math.Clamp(detail * MathF.Sqrt(ratio), 0.05f, 400f);
            count = Count(design, detail);
        }
        var builder = new MeshBuilder(detail);
        Build(builder, design);
        return builder.Build();
    }

    private static int Count(ModelDesign design, float detail)
    {
        var builder = new MeshBuilder(detail);
        Build(builder, design);
        return builder.TriangleCount;
    }

    public static void Build(MeshBuilder b, ModelDesign d)
    {
        switch (d.Shape)
        {
            case ShapeKind.Chair: Chair(b, d); break;
            case ShapeKind.Table: Table(b, d); break;
            case ShapeKind.Tree: Tree(b, d); break;
            case ShapeKind.Sphere: Sphere(b, d); break;
            case ShapeKind.Teapot: Teapot(b, d); break;
            case ShapeKind.Vase: Vase(b, d); break;
            case ShapeKind.House: House(b, d); break;
            case ShapeKind.Well: Well(b, d); break;
            case ShapeKind.Sword: Sword(b, d); break;
            case ShapeKind.Car: Car(b, d); break;
            case ShapeKind.Box: Crate(b, d); break;
            default: Blob(b, d); break;
        }
    }

    private static void Chair(MeshBuilder b, ModelDesign d)
    {
        var n = b.Segments(6, 1);
        b.BeginPart(d.Primary);
        b.AddBox(new Vector3(0, 0.47f, 0), new Vector3(0.5f, 0.06f, 0.5f), n);
        b.AddBox(new Vector3(0, 0.78f, -0.225f), new Vector3(0.5f, 0.5f, 0.05f), n);
        b.BeginPart(d.Secondary);
        foreach (var (x, z) in Corners(0.21f, 0.21f))
            b.AddBox(new Vector3(x, 0.22f, z), new Vector3(0.05f, 0.44f, 0.05f), n);
        b.BeginPart(d.Accent);
        b.AddBox(new Vector3(0, 0.51f, 0.02f), new Vector3(0.44f, 0.03f, 0.42f), n);
    }

    private static void Table(MeshBuilder b, ModelDesign d)
    {
        var s = b.Segments(24);
        b.BeginPart(d.Primary);
        b.AddBox(new Vector3(0, 0.73f, 0), new Vector3(1.2f, 0.06f, 0.8f), b.Segments(6, 1));
        b.BeginPart(d.Secondary);
        foreach (var (x, z) in Corners(0.52f, 0.32f))
            b.AddCylinder(new Vector3(x, 0, z), 0.035f, 0.045f, 0.7f, s);
    }

    private static void Tree(MeshBuilder b, ModelDesign d)
    {
        var s = b.Segments(24);
        b.BeginPart(d.Secondary);
        b.AddCylinder(Vector3.Zero, 0.13f, 0.08f, 1.0f, s);
        b.BeginPart(d.Primary);
        var rings = b.Segments(6, 1);
        foreach (var (y, r, h) in new[] { (0.7f, 0.7f, 0.9f), (1.2f, 0.55f, 0.8f), (1.65f, 0.38f, 0.7f) })
        {
            var profile = new List<Vector2> { new(0, y), new(r, y) };
            for (var i = 1; i <= rings; i++) profile.Add(new Vector2(r * (1 - (float)i / rings), y + h * i / rings));
            b.AddLathe(profile, s);
        }
    }

    private static void Sphere(MeshBuilder b, ModelDesign d)
    {
        b.BeginPart(d.Primary);
        b.AddSphere(new Vector3(0, 0.5f, 0), 0.5f, b.Segments(48, 4));
    }

    private static void Teapot(MeshBuilder b, ModelDesign d)
    {
        var s = b.Segments(40);
        b.BeginPart(d.Primary);
        b.AddLathe(Curve(b, [new(0, 0), new(0.28f, 0), new(0.4f, 0.1f), new(0.45f, 0.24f), new(0.41f, 0.38f), new(0.28f, 0.46f), new(0, 0.47f)]), s);
        b.BeginPart(d.Secondary);
        var spout = Matrix4x4.CreateRotationZ(-0.9f) * Matrix4x4.CreateTranslation(0.36f, 0.16f, 0);
        b.AddCylinder(Vector3.Zero, 0.07f, 0.035f, 0.36f, b.Segments(20), spout);
        b.AddTorus(0.16f, 0.03f, MathF.PI * 1.15f, b.Segments(24), b.Segments(12),
            Matrix4x4.CreateRotationZ(MathF.PI * 0.42f) * Matrix4x4.CreateTranslation(-0.4f, 0.25f, 0));
        b.BeginPart(d.Accent);
        b.AddSphere(new Vector3(0, 0.51f, 0), 0.055f, b.Segments(20));
    }

    private static void Vase(MeshBuilder b, ModelDesign d)
    {
        b.BeginPart(d.Primary);
        b.AddLathe(Curve(b, [new(0, 0), new(0.14f, 0), new(0.22f, 0.14f), new(0.26f, 0.34f), new(0.18f, 0.58f), new(0.1f, 0.72f), new(0.14f, 0.8f), new(0.12f, 0.82f), new(0, 0.82f)]), b.Segments(48));
        b.BeginPart(d.Accent);
        b.AddTorus(0.215f, 0.012f, MathF.Tau, b.Segments(48), b.Segments(8), Matrix4x4.CreateRotationX(MathF.PI / 2) * Matrix4x4.CreateTranslation(0, 0.2f, 0));
    }

    private static void House(MeshBuilder b, ModelDesign d)
    {
        var n = b.Segments(8, 1);
        b.BeginPart(d.Primary);
        b.AddBox(new Vector3(0, 0.75f, 0), new Vector3(2f, 1.5f, 1.6f), n);
        b.BeginPart(d.Secondary);
        b.AddGableRoof(new Vector3(0, 1.5f, 0), 2f, 1.6f, 0.8f, 0.15f, n);
        b.AddBox(new Vector3(0.55f, 2.0f, -0.3f), new Vector3(0.22f, 0.7f, 0.22f), n);
        b.BeginPart(d.Accent);
        b.AddBox(new Vector3(0, 0.45f, 0.81f), new Vector3(0.45f, 0.9f, 0.04f), n);
        b.AddBox(new Vector3(-0.6f, 0.9f, 0.81f), new Vector3(0.4f, 0.35f, 0.03f), n);
    }

    private static void Well(MeshBuilder b, ModelDesign d)
    {
        var s = b.Segments(40);
        b.BeginPart(d.Primary);
        b.AddLathe(Curve(b, [new(0.5f, 0), new(0.62f, 0), new(0.62f, 0.7f), new(0.5f, 0.7f), new(0.5f, 0.05f)]), s);
        b.AddLathe([new(0, 0.05f), new(0.5f, 0.05f)], s);
        b.BeginPart(d.Secondary);
        var n = b.Segments(4, 1);
        b.AddBox(new Vector3(-0.56f, 1.0f, 0), new Vector3(0.08f, 1.4f, 0.08f), n);
        b.AddBox(new Vector3(0.56f, 1.0f, 0), new Vector3(0.08f, 1.4f, 0.08f), n);
        b.AddCylinder(Vector3.Zero, 0.03f, 0.03f, 1.2f, b.Segments(16), Matrix4x4.CreateRotationZ(MathF.PI / 2) * Matrix4x4.CreateTranslation(0.6f, 1.4f, 0));
        b.AddCylinder(new Vector3(0, 0.95f, 0), 0.09f, 0.11f, 0.16f, b.Segments(16));
        b.BeginPart(d.Accent);
        b.AddGableRoof(new Vector3(0, 1.7f, 0), 1.2f, 0.9f, 0.45f, 0.1f, n);
    }

    private static void Sword(MeshBuilder b, ModelDesign d)
    {
        var n = b.Segments(6, 1);
        b.BeginPart(d.Primary);
        b.AddBox(new Vector3(0, 0.68f, 0), new Vector3(0.07f, 0.8f, 0.014f), n);
        var tip = Matrix4x4.CreateRotationY(MathF.PI / 4) * Matrix4x4.CreateScale(1, 1, 0.2f);
        b.AddCylinder(new Vector3(0, 1.08f, 0), 0.0495f, 0, 0.14f, 4, tip);
        b.BeginPart(d.Accent);
        b.AddBox(new Vector3(0, 0.27f, 0), new Vector3(0.3f, 0.035f, 0.05f), n);
        b.AddSphere(new Vector3(0, 0.035f, 0), 0.035f, b.Segments(16));
        b.BeginPart(d.Secondary);
        b.AddCylinder(new Vector3(0, 0.06f, 0), 0.02f, 0.022f, 0.2f, b.Segments(16));
    }

    private static void Car(MeshBuilder b, ModelDesign d)
    {
        var n = b.Segments(6, 1);
        b.BeginPart(d.Primary);
        b.AddBox(new Vector3(0, 0.4f, 0), new Vector3(1.8f, 0.36f, 0.8f), n);
        b.AddBox(new Vector3(-0.1f, 0.74f, 0), new Vector3(1.0f, 0.32f, 0.7f), n);
        b.BeginPart(d.Secondary);
        var wheel = Matrix4x4.CreateRotationX(MathF.PI / 2);
        foreach (var (x, z) in Corners(0.58f, 0.34f))
            b.AddCylinder(Vector3.Zero, 0.19f, 0.19f, 0.12f, b.Segments(28), wheel * Matrix4x4.CreateTranslation(x, 0.19f, z + (z > 0 ? 0.06f : -0.06f)));
        b.BeginPart(d.Accent);
        b.AddBox(new Vector3(0.91f, 0.45f, 0), new Vector3(0.02f, 0.1f, 0.6f), n);
    }

    private static void Crate(MeshBuilder b, ModelDesign d)
    {
        b.BeginPart(d.Primary);
        b.AddBox(new Vector3(0, 0.5f, 0), new Vector3(1, 1, 1), b.Segments(12, 1));
        b.BeginPart(d.Secondary);
        var n = b.Segments(3, 1);
        foreach (var y in new[] { 0.05f, 0.95f })
            b.AddBox(new Vector3(0, y, 0), new Vector3(1.02f, 0.06f, 1.02f), n);
    }

    private static void Blob(MeshBuilder b, ModelDesign d)
    {
        b.BeginPart(d.Secondary);
        b.AddCylinder(Vector3.Zero, 0.45f, 0.4f, 0.12f, b.Segments(40));
        b.BeginPart(d.Primary);
        b.AddLathe(Curve(b, [new(0, 0.12f), new(0.25f, 0.14f), new(0.34f, 0.4f), new(0.3f, 0.75f), new(0.16f, 0.95f), new(0, 1.0f)]), b.Segments(40));
    }

    private static IEnumerable<(float X, float Z)> Corners(float x, float z) => [(x, z), (-x, z), (x, -z), (-x, -z)];

    /// <summary>Catmull-Rom through the key points so lathe profiles get smoother with detail.</summary>
    private static List<Vector2> Curve(MeshBuilder b, Vector2[] keys)
    {
        var steps = b.Segments(4, 1);
        var points = new List<Vector2>();
        for (var i = 0; i < keys.Length - 1; i++)
        {
            var p0 = keys[Math.Max(i - 1, 0)];
            var p1 = keys[i];
            var p2 = keys[i + 1];
            var p3 = keys[Math.Min(i + 2, keys.Length - 1)];
            // Flat segments (bottoms, lids) stay straight so their rims keep a hard edge.
            var straight = p1.X == 0 || p2.X == 0 || p1.Y == p2.Y || p1.X == p2.X;
            for (var k = 0; k < (straight ? 1 : steps); k++)
                points.Add(straight ? p1 : CatmullRom(p0, p1, p2, p3, (float)k / steps));
        }
        points.Add(keys[^1]);
        return points;
    }

    private static Vector2 CatmullRom(Vector2 p0, Vector2 p1, Vector2 p2, Vector2 p3, float t)
    {
        float t2 = t * t, t3 = t2 * t;
        return 0.5f * (2 * p1 + (p2 - p0) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2 + (3 * p1 - p0 - 3 * p2 + p3) * t3);
    }
}
