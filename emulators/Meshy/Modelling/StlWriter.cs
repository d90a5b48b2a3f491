using System.Buffers.Binary;
using System.Numerics;

namespace Meshy3D.Emulators.Meshy.Modelling;

/// <summary>Binary STL: geometry only, as printers want it.</summary>
public static class StlWriter
{
    public static byte[] Write(Mesh mesh)
    {
        var triangles = mesh.TriangleCount;
        var data = new byte[84 + triangles * 50];
        System.Text.Encoding.ASCII.GetBytes("Meshy3D Meshy emulator STL").CopyTo(data, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(80), (uint)triangles);
        var offset = 84;
        for (var t = 0; t < triangles; t++)
        {
            var a = mesh.Vertices[mesh.Indices[t * 3]].Position;
            var b = mesh.Vertices[mesh.Indices[t * 3 + 1]].Position;
            var c = mesh.Vertices[mesh.Indices[t * 3 + 2]].Position;
            var n = Vector3.Normalize(Vector3.Cross(b - a, c - a));
            foreach (var v in new[] { n, a, b, c })
            {
                BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(offset), v.X);
                BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(offset + 4), v.Y);
                BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(offset + 8), v.Z);
                offset += 12;
            }
            offset += 2; // attribute byte count
        }
        return data;
    }
}
