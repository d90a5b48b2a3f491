using System.Numerics;

namespace Meshy3D.Emulators.Meshy.Modelling;

/// <summary>
/// A small z-buffered software rasteriser: a three-quarter view with Lambert shading, enough for a
/// thumbnail that shows the shape and its colours.
/// </summary>
public static class ThumbnailRenderer
{
    public static Image Render(Mesh mesh, int size, bool untextured)
    {
        var image = new Image(size, size, 4);
        var depth = new float[size * size];
        Array.Fill(depth, float.MaxValue);
        for (var y = 0; y < size; y++)
        {
            var shade = (byte)(235 - 40 * y / size);
            for (var x = 0; x < size; x++) image.Set(x, y, new Rgb(shade, shade, (byte)Math.Min(255, shade + 6)));
        }

        var view = Matrix4x4.CreateRotationY(-MathF.PI / 5) * Matrix4x4.CreateRotationX(0.42f);
        var (min, max) = mesh.Bounds();
        var centre = (min + max) / 2;
        var projected = new Vector3[mesh.Vertices.Count];
        float minX = float.MaxValue, maxX = float.MinValue, minY = float.MaxValue, maxY = float.MinValue;
        for (var i = 0; i < projected.Length; i++)
        {
            var p = Vector3.Transform(mesh.Vertices[i].Position - centre, view);
            projected[i] = p;
            minX = Math.Min(minX, p.X); maxX = Math.Max(maxX, p.X);
            minY = Math.Min(minY, p.Y); maxY = Math.Max(maxY, p.Y);
        }
        var scale = 0.85f * size / Math.Max(maxX - minX, maxY - minY);
        var offset = new Vector2((minX + maxX) / 2, (minY + maxY) / 2);
        for (var i = 0; i < projected.Length; i++)
        {
            var p = projected[i];
            projected[i] = new Vector3(size / 2f + (p.X - offset.X) * scale, size / 2f - (p.Y - offset.Y) * scale, -p.Z);
        }

        var light = Vector3.Normalize(new Vector3(0.4f, 0.8f, 0.6f));
        var grey = new Rgb(190, 190, 195);
        var indices = mesh.Indices;
        foreach (var part in mesh.Parts)
        {
            var colour = untextured ? grey : part.Surface.Color;
            for (var t = part.FirstTriangle; t < part.FirstTriangle + part.TriangleCount; t++)
            {
                int ia = indices[t * 3], ib = indices[t * 3 + 1], ic = indices[t * 3 + 2];
                var normal = Vector3.Normalize(Vector3.TransformNormal(
                    mesh.Vertices[ia].Normal + mesh.Vertices[ib].Normal + mesh.Vertices[ic].Normal, view));
                var lit = 0.35f + 0.65f * Math.Max(0, Vector3.Dot(normal, light));
                Fill(image, depth, projected[ia], projected[ib], projected[ic], colour.Scale(lit));
            }
        }
        return image;
    }

    private static void Fill(Image image, float[] depth, Vector3 a, Vector3 b, Vector3 c, Rgb colour)
    {
        var size = image.Width;
        var area = (b.X - a.X) * (c.Y - a.Y) - (b.Y - a.Y) * (c.X - a.X);
        if (MathF.Abs(area) < 1e-9f) return;
        int x0 = Math.Max(0, (int)MathF.Floor(MathF.Min(a.X, MathF.Min(b.X, c.X))));
        int x1 = Math.Min(size - 1, (int)MathF.Ceiling(MathF.Max(a.X, MathF.Max(b.X, c.X))));
        int y0 = Math.Max(0, (int)MathF.Floor(MathF.Min(a.Y, MathF.Min(b.Y, c.Y))));
        int y1 = Math.Min(size - 1, (int)MathF.Ceiling(MathF.Max(a.Y, MathF.Max(b.Y, c.Y))));
        for (var y = y0; y <= y1; y++)
        for (var x = x0; x <= x1; x++)
        {
            float px = x + 0.5f, py = y + 0.5f;
            var w0 = ((b.X - px) * (c.Y - py) - (b.Y - py) * (c.X - px)) / area;
            var w1 = ((c.X - px) * (a.Y - py) - (c.Y - py) * (a.X - px)) / area;
            var w2 = 1 - w0 - w1;
            if (w0 < 0 || w1 < 0 || w2 < 0) continue;
            var z = w0 * a.Z + w1 * b.Z + w2 * c.Z;
            var i = y * size + x;
            if (z >= depth[i]) continue;
            depth[i] = z;
            image.Set(x, y, colour);
        }
    }
}
