using System.Numerics;

namespace Meshy3D.Emulators.Meshy.Modelling;

/// <summary>
/// Accumulates primitives part by part. Winding is fixed per triangle from the vertex normals, so
/// primitives need not care about orientation; UVs are given per part in 0–1 and packed into an
/// atlas cell when the mesh is built.
/// </summary>
public sealed class MeshBuilder(float detail)
{
    private readonly List<Vertex> _vertices = [];
    private readonly List<int> _indices = [];
    private readonly List<(Surface Surface, int FirstVertex, int FirstTriangle)> _parts = [];

    /// <summary>Tessellation multiplier chosen to land near the requested polycount.</summary>
    public float Detail { get; } = detail;

    public int Segments(int baseCount, int minimum = 3) => Math.Max(minimum, (int)MathF.Round(baseCount * Detail));

    public void BeginPart(Surface surface) => _parts.Add((surface, _vertices.Count, _indices.Count / 3));

    private int AddVertex(Vector3 position, Vector3 normal, Vector2 uv)
    {
        _vertices.Add(new Vertex(position, Vector3.Normalize(normal), uv));
        return _vertices.Count - 1;
    }

    private void AddTriangle(int a, int b, int c)
    {
        var pa = _vertices[a].Position;
        var face = Vector3.Cross(_vertices[b].Position - pa, _vertices[c].Position - pa);
        if (face.LengthSquared() < 1e-14f) return; // collapsed at a pole or apex
        var expected = _vertices[a].Normal + _vertices[b].Normal + _vertices[c].Normal;
        if (Vector3.Dot(face, expected) < 0) (b, c) = (c, b);
        _indices.Add(a);
        _indices.Add(b);
        _indices.Add(c);
    }

    private static Vector3 Apply(Matrix4x4 m, Vector3 p) => Vector3.Transform(p, m);

    private static Vector3 ApplyNormal(Matrix4x4 m, Vector3 n)
    {
        Matrix4x4.Invert(m, out var inverse);
        return Vector3.Normalize(Vector3.TransformNormal(n, Matrix4x4.Transpose(inverse)));
    }

    /// <summary>A flat bilinear patch p00→p10→p11→p01, subdivided n×n.</summary>
    public void AddPatch(Vector3 p00, Vector3 p10, Vector3 p11, Vector3 p01, int n, Vector3 outward)
    {
        var start = _vertices.Count;
        for (var j = 0; j <= n; j++)
        for (var i = 0; i <= n; i++)
        {
            float u = (float)i / n, v = (float)j / n;
            var bottom = Vector3.Lerp(p00, p10, u);
            var top = Vector3.Lerp(p01, p11, u);
            AddVertex(Vector3.Lerp(bottom, top, v), outward, new Vector2(u, 1 - v));
        }
        for (var j = 0; j < n; j++)
        for (var i = 0; i < n; i++)
        {
            int a = start + j * (n + 1) + i, b = a + 1, c = a + n + 2, d = a + n + 1;
            AddTriangle(a, b, c);
            AddTriangle(a, c, d);
        }
    }

    /// <summary>A box around <paramref name="center"/>, each face subdivided n×n (12·n² triangles).</summary>
    public void AddBox(Vector3 center, Vector3 size, int n, Matrix4x4? transform = null)
    {
        var m = transform ?? Matrix4x4.Identity;
        var h = size / 2;
        Vector3 P(float x, float y, float z) => Apply(m, center + new Vector3(x * h.X, y * h.Y, z * h.Z));
        Vector3 N(float x, float y, float z) => ApplyNormal(m, new Vector3(x, y, z));
        AddPatch(P(-1, -1, 1), P(1, -1, 1), P(1, 1, 1), P(-1, 1, 1), n, N(0, 0, 1));
        AddPatch(P(1, -1, -1), P(-1, -1, -1), P(-1, 1, -1), P(1, 1, -1), n, N(0, 0, -1));
        AddPatch(P(1, -1, 1), P(1, -1, -1), P(1, 1, -1), P(1, 1, 1), n, N(1, 0, 0));
        AddPatch(P(-1, -1, -1), P(-1, -1, 1), P(-1, 1, 1), P(-1, 1, -1), n, N(-1, 0, 0));
        AddPatch(P(-1, 1, 1), P(1, 1, 1), P(1, 1, -1), P(-1, 1, -1), n, N(0, 1, 0));
        AddPatch(P(-1, -1, -1), P(1, -1, -1), P(1, -1, 1), P(-1, -1, 1), n, N(0, -1, 0));
    }

    /// <summary>
    /// Revolves a (radius, height) profile around Y. Profile order bottom→top keeps normals outward;
    /// corners sharper than ~50° stay hard so cylinders keep crisp rims.
    /// </summary>
    public void AddLathe(IReadOnlyList<Vector2> profile, int segments, Matrix4x4? transform = null)
    {
        var m = transform ?? Matrix4x4.Identity;
        var count = profile.Count;
        var segmentNormals = new Vector2[count - 1];
        var lengths = new float[count];
        for (var k = 0; k < count - 1; k++)
        {
            var d = profile[k + 1] - profile[k];
            segmentNormals[k] = d.LengthSquared() > 0 ? Vector2.Normalize(new Vector2(d.Y, -d.X)) : Vector2.UnitX;
            lengths[k + 1] = lengths[k] + d.Length();
        }
        var total = Math.Max(lengths[^1], 1e-6f);

        Vector2 NormalAt(int point, int segment)
        {
            var own = segmentNormals[segment];
            var neighbour = point == segment ? segment - 1 : segment + 1;
            if (neighbour < 0 || neighbour >= segmentNormals.Length) return own;
            var other = segmentNormals[neighbour];
            return Vector2.Dot(own, other) > 0.64f ? Vector2.Normalize(own + other) : own;
        }

        for (var k = 0; k < count - 1; k++)
        {
            var start = _vertices.Count;
            foreach (var point in new[] { k, k + 1 })
            {
                var p = profile[point];
                var n2 = NormalAt(point, k);
                for (var j = 0; j <= segments; j++)
                {
                    var theta = MathF.Tau * j / segments;
                    float c = MathF.Cos(theta), s = MathF.Sin(theta);
                    var position = Apply(m, new Vector3(p.X * c, p.Y, p.X * s));
                    var normal = ApplyNormal(m, new Vector3(n2.X * c, n2.Y, n2.X * s));
                    AddVertex(position, normal, new Vector2((float)j / segments, 1 - lengths[point] / total));
                }
            }
            for (var j = 0; j < segments; j++)
            {
                int a = start + j, b = a + 1, d = start + segments + 1 + j, c = d + 1;
                AddTriangle(a, b, c);
                AddTriangle(a, c, d);
            }
        }
    }

    public void AddCylinder(Vector3 baseCenter, float radiusBottom, float radiusTop, float height, int segments, Matrix4x4? transform = null)
    {
        var local = Matrix4x4.CreateTranslation(baseCenter) * (transform ?? Matrix4x4.Identity);
        AddLathe([new(0, 0), new(radiusBottom, 0), new(radiusTop, height), new(0, height)], segments, local);
    }

    public void AddSphere(Vector3 center, float radius, int segments, Matrix4x4? transform = null)
    {
        var rings = Math.Max(2, segments / 2);
        var profile = new Vector2[rings + 1];
        for (var i = 0; i <= rings; i++)
        {
            var phi = MathF.PI * i / rings - MathF.PI / 2;
            profile[i] = new Vector2(radius * MathF.Cos(phi), radius * MathF.Sin(phi));
        }
        profile[0].X = 0;
        profile[^1].X = 0;
        var local = Matrix4x4.CreateTranslation(center) * (transform ?? Matrix4x4.Identity);
        AddLathe(profile, segments, local);
    }

    /// <summary>A tube bent along an arc in the XY plane (teapot handle, bucket handle).</summary>
    public void AddTorus(float majorRadius, float minorRadius, float arc, int majorSegments, int minorSegments, Matrix4x4 transform)
    {
        var start = _vertices.Count;
        for (var i = 0; i <= majorSegments; i++)
        {
            var a = arc * i / majorSegments;
            var ring = new Vector3(MathF.Cos(a), MathF.Sin(a), 0);
            for (var j = 0; j <= minorSegments; j++)
            {
                var b = MathF.Tau * j / minorSegments;
                var normal = ring * MathF.Cos(b) + Vector3.UnitZ * MathF.Sin(b);
                var position = ring * majorRadius + normal * minorRadius;
                AddVertex(Apply(transform, position), ApplyNormal(transform, normal),
                    new Vector2((float)i / majorSegments, (float)j / minorSegments));
            }
        }
        for (var i = 0; i < majorSegments; i++)
        for (var j = 0; j < minorSegments; j++)
        {
            int a = start + i * (minorSegments + 1) + j, b = a + minorSegments + 1, c = b + 1, d = a + 1;
            AddTriangle(a, b, c);
            AddTriangle(a, c, d);
        }
    }

    /// <summary>A gable roof: two slopes and two triangular ends over a w×d rectangle at height y.</summary>
    public void AddGableRoof(Vector3 center, float width, float depth, float height, float overhang, int n)
    {
        float hw = width / 2 + overhang, hd = depth / 2 + overhang;
        var y = center.Y;
        Vector3 P(float x, float yy, float z) => new(center.X + x, yy, center.Z + z);
        var ridgeFront = P(0, y + height, hd);
        var ridgeBack = P(0, y + height, -hd);
        var slope = Vector3.Normalize(new Vector3(height, hw, 0));
        AddPatch(P(-hw, y, hd), ridgeFront, ridgeBack, P(-hw, y, -hd), n, new Vector3(-slope.X, slope.Y, 0));
        AddPatch(P(hw, y, -hd), ridgeBack, ridgeFront, P(hw, y, hd), n, new Vector3(slope.X, slope.Y, 0));
        AddPatch(P(-hw, y, hd), P(hw, y, hd), ridgeFront, ridgeFront, n, Vector3.UnitZ);
        AddPatch(P(hw, y, -hd), P(-hw, y, -hd), ridgeBack, ridgeBack, n, -Vector3.UnitZ);
        AddPatch(P(-hw, y, -hd), P(hw, y, -hd), P(hw, y, hd), P(-hw, y, hd), 1, -Vector3.UnitY);
    }

    public int TriangleCount => _indices.Count / 3;

    /// <summary>Packs every part's UVs into its own atlas cell and freezes the mesh.</summary>
    public Mesh Build()
    {
        var partCount = _parts.Count;
        var columns = (int)Math.Ceiling(Math.Sqrt(partCount));
        var rows = (int)Math.Ceiling(partCount / (double)columns);
        var parts = new List<MeshPart>(partCount);
        var vertices = _vertices.ToArray();
        const float pad = 0.01f;
        for (var p = 0; p < partCount; p++)
        {
            var (surface, firstVertex, firstTriangle) = _parts[p];
            var lastVertex = p + 1 < partCount ? _parts[p + 1].FirstVertex : vertices.Length;
            var lastTriangle = p + 1 < partCount ? _parts[p + 1].FirstTriangle : TriangleCount;
            float u0 = (float)(p % columns) / columns + pad, v0 = (float)(p / columns) / rows + pad;
            float u1 = (float)(p % columns + 1) / columns - pad, v1 = (float)(p / columns + 1) / rows - pad;
            for (var i = firstVertex; i < lastVertex; i++)
            {
                var uv = vertices[i].Uv;
                vertices[i] = vertices[i] with { Uv = new Vector2(u0 + uv.X * (u1 - u0), v0 + uv.Y * (v1 - v0)) };
            }
            parts.Add(new MeshPart(surface, firstTriangle, lastTriangle - firstTriangle, new AtlasCell(u0, v0, u1, v1)));
        }
        return new Mesh { Vertices = vertices, Indices = _indices.ToArray(), Parts = parts };
    }
}
