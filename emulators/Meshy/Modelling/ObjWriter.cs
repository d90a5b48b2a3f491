using System.Globalization;
using System.Text;

namespace Meshy3D.Emulators.Meshy.Modelling;

/// <summary>Names of the texture files a refined model's OBJ, FBX and USDZ refer to.</summary>
public sealed record TextureFileNames(string BaseColor, string? Metallic, string? Roughness, string? Normal);

/// <summary>Wavefront OBJ plus MTL; textures are referenced by bare file name, next to the OBJ.</summary>
public static class ObjWriter
{
    public static (byte[] Obj, byte[] Mtl) Write(Mesh mesh, TextureFileNames? textures, string mtlFileName)
    {
        var ci = CultureInfo.InvariantCulture;
        var obj = new StringBuilder(mesh.Vertices.Count * 90);
        obj.Append("# Meshy3D Meshy emulator\n");
        obj.Append("mtllib ").Append(mtlFileName).Append('\n');
        obj.Append("o model\n");
        foreach (var v in mesh.Vertices)
            obj.Append(ci, $"v {v.Position.X:0.######} {v.Position.Y:0.######} {v.Position.Z:0.######}\n");
        foreach (var v in mesh.Vertices)
            obj.Append(ci, $"vt {v.Uv.X:0.######} {1 - v.Uv.Y:0.######}\n"); // OBJ's V runs upwards
        foreach (var v in mesh.Vertices)
            obj.Append(ci, $"vn {v.Normal.X:0.######} {v.Normal.Y:0.######} {v.Normal.Z:0.######}\n");
        obj.Append("usemtl material\ns 1\n");
        for (var i = 0; i < mesh.Indices.Count; i += 3)
        {
            int a = mesh.Indices[i] + 1, b = mesh.Indices[i + 1] + 1, c = mesh.Indices[i + 2] + 1;
            obj.Append(ci, $"f {a}/{a}/{a} {b}/{b}/{b} {c}/{c}/{c}\n");
        }

        var primary = mesh.Parts[0].Surface;
        var mtl = new StringBuilder();
        mtl.Append("# Meshy3D Meshy emulator\nnewmtl material\n");
        mtl.Append("Ka 1 1 1\nKd 0.8 0.8 0.8\nKs 0.2 0.2 0.2\nNs 100\nd 1\nillum 2\n");
        if (textures is not null)
        {
            mtl.Append("map_Kd ").Append(textures.BaseColor).Append('\n');
            if (textures.Metallic is not null) mtl.Append("map_Pm ").Append(textures.Metallic).Append('\n');
            if (textures.Roughness is not null) mtl.Append("map_Pr ").Append(textures.Roughness).Append('\n');
            if (textures.Normal is not null) mtl.Append("map_Bump -bm 1 ").Append(textures.Normal).Append('\n');
        }
        else
        {
            mtl.Append(ci, $"Pm {primary.Metallic:0.###}\nPr {primary.Roughness:0.###}\n");
        }
        return (Encoding.UTF8.GetBytes(obj.ToString()), Encoding.UTF8.GetBytes(mtl.ToString()));
    }
}
