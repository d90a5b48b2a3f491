using System.Numerics;

namespace Meshy3D.Emulators.Meshy.Modelling;

/// <summary>Vertex in glTF conventions: Y up, UV origin at the image's top-left.</summary>
public readonly record struct Vertex(Vector3 Position, Vector3 Normal, Vector2 Uv);

/// <summary>A run of triangles painted with one surface, owning one cell of the texture atlas.</summary>
public sealed record MeshPart(Surface Surface, int FirstTriangle, int TriangleCount, AtlasCell Cell);

public readonly record struct AtlasCell(float U0, float V0, float U1, float V1);

/// <summary>One triangle mesh with a single material; parts differ only by their texture cell.</summary>
public sealed class Mesh
{
    public required IReadOnlyList<Vertex> Vertices { get; init; }
    public required IReadOnlyList<int> Indices { get; init; }
    public required IReadOnlyList<MeshPart> Parts { get; init; }

    public int TriangleCount => Indices.Count / 3;

    public (Vector3 Min, Vector3 Max) Bounds()
    {
        var min = new Vector3(float.MaxValue);
        var max = new Vector3(float.MinValue);
        foreach (var v in Vertices)
        {
            min = Vector3.Min(min, v.Position);
            max = Vector3.Max(max, v.Position);
        }
        return (min, max);
    }

    public Surface SurfaceOfTriangle(int triangle)
    {
        foreach (var part in Parts)
            if (triangle >= part.FirstTriangle && triangle < part.FirstTriangle + part.TriangleCount)
                return part.Surface;
        return Parts[^1].Surface;
    }
}
