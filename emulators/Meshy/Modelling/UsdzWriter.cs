using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Meshy3D.Emulators.Meshy.Modelling;

/// <summary>
/// USDZ: a USDA stage (mesh + UsdPreviewSurface) and its textures in an uncompressed zip whose
/// entry data all start on 64-byte boundaries, as the USDZ spec requires for memory mapping.
/// </summary>
public static class UsdzWriter
{
    public sealed record Texture(string Channel, string FileName, byte[] Png);

    public static byte[] Write(Mesh mesh, IReadOnlyList<Texture> textures)
    {
        var entries = new List<(string Name, byte[] Data)> { ("model.usda", Encoding.UTF8.GetBytes(Stage(mesh, textures))) };
        entries.AddRange(textures.Select(t => ($"textures/{t.FileName}", t.Png)));
        return AlignedZip.Write(entries, 64);
    }

    private static string Stage(Mesh mesh, IReadOnlyList<Texture> textures)
    {
        var ci = CultureInfo.InvariantCulture;
        string F(float f) => f.ToString("0.######", ci);
        var (min, max) = mesh.Bounds();
        var sb = new StringBuilder();
        sb.Append("#usda 1.0\n(\n    defaultPrim = \"Model\"\n    metersPerUnit = 1\n    upAxis = \"Y\"\n    doc = \"Meshy3D Meshy emulator\"\n)\n\n");
        sb.Append("def Xform \"Model\" (\n    kind = \"component\"\n)\n{\n");
        sb.Append("    def Mesh \"Mesh\" (\n        prepend apiSchemas = [\"MaterialBindingAPI\"]\n    )\n    {\n");
        sb.Append($"        float3[] extent = [({F(min.X)}, {F(min.Y)}, {F(min.Z)}), ({F(max.X)}, {F(max.Y)}, {F(max.Z)})]\n");
        sb.Append("        int[] faceVertexCounts = [").AppendJoin(", ", Enumerable.Repeat("3", mesh.TriangleCount)).Append("]\n");
        sb.Append("        int[] faceVertexIndices = [").AppendJoin(", ", mesh.Indices).Append("]\n");
        sb.Append("        rel material:binding = </Model/Materials/Material>\n");
        sb.Append("        normal3f[] normals = [").AppendJoin(", ", mesh.Vertices.Select(v => $"({F(v.Normal.X)}, {F(v.Normal.Y)}, {F(v.Normal.Z)})")).Append("] (\n            interpolation = \"vertex\"\n        )\n");
        sb.Append("        point3f[] points = [").AppendJoin(", ", mesh.Vertices.Select(v => $"({F(v.Position.X)}, {F(v.Position.Y)}, {F(v.Position.Z)})")).Append("]\n");
        // USD's texture V runs upwards, glTF's downwards.
        sb.Append("        texCoord2f[] primvars:st = [").AppendJoin(", ", mesh.Vertices.Select(v => $"({F(v.Uv.X)}, {F(1 - v.Uv.Y)})")).Append("] (\n            interpolation = \"vertex\"\n        )\n");
        sb.Append("        uniform token subdivisionScheme = \"none\"\n    }\n\n");

        const string material = "/Model/Materials/Material";
        sb.Append("    def Scope \"Materials\"\n    {\n        def Material \"Material\"\n        {\n");
        sb.Append($"            token outputs:surface.connect = <{material}/PreviewSurface.outputs:surface>\n\n");
        sb.Append("            def Shader \"PreviewSurface\"\n            {\n                uniform token info:id = \"UsdPreviewSurface\"\n");
        var byChannel = textures.ToDictionary(t => t.Channel);
        var primary = mesh.Parts[0].Surface;
        if (byChannel.ContainsKey("base_color")) sb.Append($"                color3f inputs:diffuseColor.connect = <{material}/base_color.outputs:rgb>\n");
        else sb.Append("                color3f inputs:diffuseColor = (0.8, 0.8, 0.8)\n");
        if (byChannel.ContainsKey("metallic")) sb.Append($"                float inputs:metallic.connect = <{material}/metallic.outputs:r>\n");
        else sb.Append($"                float inputs:metallic = {F(textures.Count == 0 ? 0 : primary.Metallic)}\n");
        if (byChannel.ContainsKey("roughness")) sb.Append($"                float inputs:roughness.connect = <{material}/roughness.outputs:r>\n");
        else sb.Append($"                float inputs:roughness = {F(textures.Count == 0 ? 0.7f : primary.Roughness)}\n");
        if (byChannel.ContainsKey("normal")) sb.Append($"                normal3f inputs:normal.connect = <{material}/normal.outputs:rgb>\n");
        sb.Append("                token outputs:surface\n            }\n");
        if (textures.Count > 0)
        {
            sb.Append("\n            def Shader \"uv\"\n            {\n                uniform token info:id = \"UsdPrimvarReader_float2\"\n");
            sb.Append("                string inputs:varname = \"st\"\n                float2 outputs:result\n            }\n");
        }
        foreach (var texture in textures)
        {
            var isColour = texture.Channel == "base_color";
            sb.Append($"\n            def Shader \"{texture.Channel}\"\n            {{\n                uniform token info:id = \"UsdUVTexture\"\n");
            sb.Append($"                asset inputs:file = @textures/{texture.FileName}@\n");
            sb.Append($"                float2 inputs:st.connect = <{material}/uv.outputs:result>\n");
            sb.Append($"                token inputs:sourceColorSpace = \"{(isColour ? "sRGB" : "raw")}\"\n");
            sb.Append("                token inputs:wrapS = \"repeat\"\n                token inputs:wrapT = \"repeat\"\n");
            if (texture.Channel == "normal")
                sb.Append("                float4 inputs:scale = (2, 2, 2, 1)\n                float4 inputs:bias = (-1, -1, -1, 0)\n");
            sb.Append(isColour || texture.Channel == "normal" ? "                float3 outputs:rgb\n" : "                float outputs:r\n");
            sb.Append("            }\n");
        }
        sb.Append("        }\n    }\n}\n");
        return sb.ToString();
    }
}

/// <summary>A stored (uncompressed) zip whose entry data start on an alignment boundary.</summary>
public static class AlignedZip
{
    public static byte[] Write(IReadOnlyList<(string Name, byte[] Data)> entries, int alignment)
    {
        using var output = new MemoryStream();
        var central = new MemoryStream();
        var dosTime = (ushort)0;
        var dosDate = (ushort)((2026 - 1980) << 9 | 1 << 5 | 1);
        Span<byte> header = stackalloc byte[30];
        Span<byte> entry = stackalloc byte[46];
        foreach (var (name, data) in entries)
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            var offset = (uint)output.Position;
            var crc = Crc32.Compute(data);
            // Padding goes in an extra field (id 0x1986, as Pixar's writer uses) that is at least 4 bytes long.
            var unpadded = output.Position + 30 + nameBytes.Length;
            var padding = (int)((alignment - unpadded % alignment) % alignment);
            if (padding is > 0 and < 4) padding += alignment;

            header.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(header, 0x04034b50);
            BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 20);
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 0x0800); // UTF-8 names
            BinaryPrimitives.WriteUInt16LittleEndian(header[8..], 0);      // stored
            BinaryPrimitives.WriteUInt16LittleEndian(header[10..], dosTime);
            BinaryPrimitives.WriteUInt16LittleEndian(header[12..], dosDate);
            BinaryPrimitives.WriteUInt32LittleEndian(header[14..], crc);
            BinaryPrimitives.WriteUInt32LittleEndian(header[18..], (uint)data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header[22..], (uint)data.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(header[26..], (ushort)nameBytes.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(header[28..], (ushort)padding);
            output.Write(header);
            output.Write(nameBytes);
            if (padding > 0)
            {
                var extra = new byte[padding];
                BinaryPrimitives.WriteUInt16LittleEndian(extra, 0x1986);
                BinaryPrimitives.WriteUInt16LittleEndian(extra.AsSpan(2), (ushort)(padding - 4));
                output.Write(extra);
            }
            output.Write(data);

            entry.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(entry, 0x02014b50);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[4..], 20);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[6..], 20);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[8..], 0x0800);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[10..], 0);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[12..], dosTime);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[14..], dosDate);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[16..], crc);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[20..], (uint)data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[24..], (uint)data.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[28..], (ushort)nameBytes.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[42..], offset);
            central.Write(entry);
            central.Write(nameBytes);
        }
        var centralOffset = (uint)output.Position;
        central.Position = 0;
        central.CopyTo(output);
        Span<byte> end = stackalloc byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(end[8..], (ushort)entries.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(end[10..], (ushort)entries.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(end[12..], (uint)central.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(end[16..], centralOffset);
        output.Write(end);
        return output.ToArray();
    }
}
