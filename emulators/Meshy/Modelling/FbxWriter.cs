using System.Buffers.Binary;
using System.Text;

namespace Meshy3D.Emulators.Meshy.Modelling;

/// <summary>
/// Binary FBX 7.4 (32-bit record offsets), written by hand: one mesh model with normals, UVs, a
/// Phong/PBR-ish material and its textures. Textures are embedded (Video <c>Content</c>) and also
/// named by relative file name, so the FBX opens on its own or next to the downloaded PNGs.
/// </summary>
public static class FbxWriter
{
    private const int Version = 7400;

    /// <summary>A node record: name, typed properties (C/I/L/D/S/R and d/i arrays) and children.</summary>
    private sealed class Node(string name, params object[] properties)
    {
        public string Name { get; } = name;
        public object[] Properties { get; } = properties;
        public List<Node> Children { get; } = [];

        public Node Add(Node child)
        {
            Children.Add(child);
            return this;
        }

        public Node Add(string name, params object[] properties) => Add(new Node(name, properties));
    }

    public sealed record Texture(string Channel, string FileName, byte[] Png, string MaterialProperty);

    public static byte[] Write(Mesh mesh, IReadOnlyList<Texture> textures, string name)
    {
        const long modelId = 1_000_001, geometryId = 1_000_002, materialId = 1_000_003;
        var primary = mesh.Parts[0].Surface;

        var objects = new Node("Objects");
        objects.Add(Geometry(mesh, geometryId, name));
        objects.Add(new Node("Model", modelId, Class(name, "Model"), "Mesh")
            .Add("Version", 232)
            .Add(new Node("Properties70")
                .Add(P("Lcl Translation", "Lcl Translation", "", "A", 0.0, 0.0, 0.0))
                .Add(P("Lcl Rotation", "Lcl Rotation", "", "A", 0.0, 0.0, 0.0))
                .Add(P("Lcl Scaling", "Lcl Scaling", "", "A", 1.0, 1.0, 1.0))
                .Add(P("DefaultAttributeIndex", "int", "Integer", "", 0)))
            .Add("Shading", true)
            .Add("Culling", "CullingOff"));

        var colour = textures.Count == 0 ? new[] { 0.8, 0.8, 0.8 } : primary.Color.ToLinear().Select(c => (double)c).ToArray();
        objects.Add(new Node("Material", materialId, Class("material", "Material"), "")
            .Add("Version", 102)
            .Add("ShadingModel", "Phong")
            .Add("MultiLayer", 0)
            .Add(new Node("Properties70")
                .Add(P("DiffuseColor", "Color", "", "A", colour[0], colour[1], colour[2]))
                .Add(P("DiffuseFactor", "Number", "", "A", 1.0))
                .Add(P("SpecularColor", "Color", "", "A", 0.2, 0.2, 0.2))
                .Add(P("ShininessExponent", "Number", "", "A", 20.0))
                .Add(P("ReflectionFactor", "Number", "", "A", (double)primary.Metallic))));

        var connections = new Node("Connections")
            .Add("C", "OO", modelId, 0L)
            .Add("C", "OO", geometryId, modelId)
            .Add("C", "OO", materialId, modelId);

        long nextId = 2_000_000;
        foreach (var texture in textures)
        {
            long textureId = nextId++, videoId = nextId++;
            objects.Add(new Node("Video", videoId, Class(texture.Channel, "Video"), "Clip")
                .Add("Type", "Clip")
                .Add(new Node("Properties70").Add(P("Path", "KString", "XRefUrl", "", texture.FileName)))
                .Add("UseMipMap", 0)
                .Add("Filename", texture.FileName)
                .Add("RelativeFilename", texture.FileName)
                .Add("Content", texture.Png));
            objects.Add(new Node("Texture", textureId, Class(texture.Channel, "Texture"), "")
                .Add("Type", "TextureVideoClip")
                .Add("Version", 202)
                .Add("TextureName", Class(texture.Channel, "Texture"))
                .Add(new Node("Properties70")
                    .Add(P("UseMaterial", "bool", "", "", 1)))
                .Add("Media", Class(texture.Channel, "Video"))
                .Add("FileName", texture.FileName)
                .Add("RelativeFilename", texture.FileName)
                .Add("ModelUVTranslation", 0.0, 0.0)
                .Add("ModelUVScaling", 1.0, 1.0)
                .Add("Texture_Alpha_Source", "None")
                .Add("Cropping", 0, 0, 0, 0));
            connections.Add("C", "OP", textureId, materialId, texture.MaterialProperty);
            connections.Add("C", "OO", videoId, textureId);
        }

        var now = DateTime.UtcNow;
        var roots = new List<Node>
        {
            new Node("FBXHeaderExtension")
                .Add("FBXHeaderVersion", 1003)
                .Add("FBXVersion", Version)
                .Add("EncryptionType", 0)
                .Add(new Node("CreationTimeStamp")
                    .Add("Version", 1000).Add("Year", now.Year).Add("Month", now.Month).Add("Day", now.Day)
                    .Add("Hour", now.Hour).Add("Minute", now.Minute).Add("Second", now.Second).Add("Millisecond", 0))
                .Add("Creator", "Meshy3D Meshy emulator"),
            // The FBX SDK checks FileId/CreationTime against the footer; these are the values Blender writes.
            new("FileId", FileId),
            new("CreationTime", "1970-01-01 10:00:00:000"),
            new("Creator", "Meshy3D Meshy emulator"),
            new Node("GlobalSettings")
                .Add("Version", 1000)
                .Add(new Node("Properties70")
                    .Add(P("UpAxis", "int", "Integer", "", 1))
                    .Add(P("UpAxisSign", "int", "Integer", "", 1))
                    .Add(P("FrontAxis", "int", "Integer", "", 2))
                    .Add(P("FrontAxisSign", "int", "Integer", "", 1))
                    .Add(P("CoordAxis", "int", "Integer", "", 0))
                    .Add(P("CoordAxisSign", "int", "Integer", "", 1))
                    .Add(P("OriginalUpAxis", "int", "Integer", "", 1))
                    .Add(P("OriginalUpAxisSign", "int", "Integer", "", 1))
                    .Add(P("UnitScaleFactor", "double", "Number", "", 100.0)) // centimetres per unit: our units are metres
                    .Add(P("OriginalUnitScaleFactor", "double", "Number", "", 100.0))
                    .Add(P("AmbientColor", "ColorRGB", "Color", "", 0.0, 0.0, 0.0))
                    .Add(P("DefaultCamera", "KString", "", "", "Producer Perspective"))
                    .Add(P("TimeMode", "enum", "", "", 11))
                    .Add(P("TimeSpanStart", "KTime", "Time", "", 0L))
                    .Add(P("TimeSpanStop", "KTime", "Time", "", 46186158000L))
                    .Add(P("CustomFrameRate", "double", "Number", "", -1.0))),
            new Node("Documents")
                .Add("Count", 1)
                .Add(new Node("Document", 1_000_000L, "", "Scene")
                    .Add(new Node("Properties70")
                        .Add(P("SourceObject", "object", "", ""))
                        .Add(P("ActiveAnimStackName", "KString", "", "", "")))
                    .Add("RootNode", 0L)),
            new("References"),
            new Node("Definitions")
                .Add("Version", 100)
                .Add("Count", 4 + textures.Count * 2)
                .Add(new Node("ObjectType", "GlobalSettings").Add("Count", 1))
                .Add(new Node("ObjectType", "Model").Add("Count", 1))
                .Add(new Node("ObjectType", "Geometry").Add("Count", 1))
                .Add(new Node("ObjectType", "Material").Add("Count", 1))
                .Add(new Node("ObjectType", "Texture").Add("Count", textures.Count))
                .Add(new Node("ObjectType", "Video").Add("Count", textures.Count)),
            objects,
            connections,
        };

        using var output = new MemoryStream();
        output.Write("Kaydara FBX Binary  \0"u8);
        output.Write([0x1A, 0x00]);
        WriteUInt32(output, Version);
        foreach (var node in roots) WriteNode(output, node);
        output.Write(new byte[13]); // end of the top-level list
        WriteFooter(output);
        return output.ToArray();
    }

    private static Node Geometry(Mesh mesh, long id, string name)
    {
        var vertices = mesh.Vertices;
        var positions = new double[vertices.Count * 3];
        var uvs = new double[vertices.Count * 2];
        for (var i = 0; i < vertices.Count; i++)
        {
            var v = vertices[i];
            positions[i * 3] = v.Position.X; positions[i * 3 + 1] = v.Position.Y; positions[i * 3 + 2] = v.Position.Z;
            uvs[i * 2] = v.Uv.X; uvs[i * 2 + 1] = 1 - v.Uv.Y; // FBX V runs upwards
        }
        var indexCount = mesh.Indices.Count;
        var polygonVertexIndex = new int[indexCount];
        var uvIndex = new int[indexCount];
        var normals = new double[indexCount * 3];
        for (var i = 0; i < indexCount; i++)
        {
            var index = mesh.Indices[i];
            // The last vertex of each polygon is stored as ~index (negative) to close the polygon.
            polygonVertexIndex[i] = i % 3 == 2 ? ~index : index;
            uvIndex[i] = index;
            var n = vertices[index].Normal;
            normals[i * 3] = n.X; normals[i * 3 + 1] = n.Y; normals[i * 3 + 2] = n.Z;
        }

        return new Node("Geometry", id, Class(name, "Geometry"), "Mesh")
            .Add(new Node("Properties70"))
            .Add("GeometryVersion", 124)
            .Add("Vertices", positions)
            .Add("PolygonVertexIndex", polygonVertexIndex)
            .Add(new Node("LayerElementNormal", 0)
                .Add("Version", 101)
                .Add("Name", "")
                .Add("MappingInformationType", "ByPolygonVertex")
                .Add("ReferenceInformationType", "Direct")
                .Add("Normals", normals))
            .Add(new Node("LayerElementUV", 0)
                .Add("Version", 101)
                .Add("Name", "UVMap")
                .Add("MappingInformationType", "ByPolygonVertex")
                .Add("ReferenceInformationType", "IndexToDirect")
                .Add("UV", uvs)
                .Add("UVIndex", uvIndex))
            .Add(new Node("LayerElementMaterial", 0)
                .Add("Version", 101)
                .Add("Name", "")
                .Add("MappingInformationType", "AllSame")
                .Add("ReferenceInformationType", "IndexToDirect")
                .Add("Materials", new[] { 0 }))
            .Add(new Node("Layer", 0)
                .Add("Version", 100)
                .Add(new Node("LayerElement").Add("Type", "LayerElementNormal").Add("TypedIndex", 0))
                .Add(new Node("LayerElement").Add("Type", "LayerElementUV").Add("TypedIndex", 0))
                .Add(new Node("LayerElement").Add("Type", "LayerElementMaterial").Add("TypedIndex", 0)));
    }

    /// <summary>FBX object names carry their class after a \x00\x01 separator.</summary>
    private static string Class(string name, string cls) => $"{name}\0\u0001{cls}";

    private static Node P(string name, string type, string label, string flags, params object[] values) =>
        new("P", [name, type, label, flags, .. values]);

    private static void WriteNode(MemoryStream output, Node node)
    {
        var start = output.Position;
        WriteUInt32(output, 0); // end offset, patched below
        WriteUInt32(output, (uint)node.Properties.Length);
        WriteUInt32(output, 0); // property list length, patched below
        var nameBytes = Encoding.ASCII.GetBytes(node.Name);
        output.WriteByte((byte)nameBytes.Length);
        output.Write(nameBytes);
        var propertiesStart = output.Position;
        foreach (var property in node.Properties) WriteProperty(output, property);
        var propertiesLength = output.Position - propertiesStart;
        if (node.Children.Count > 0)
        {
            foreach (var child in node.Children) WriteNode(output, child);
            output.Write(new byte[13]); // null record closes the nested list
        }
        var end = output.Position;
        output.Position = start;
        WriteUInt32(output, (uint)end);
        output.Position = start + 8;
        WriteUInt32(output, (uint)propertiesLength);
        output.Position = end;
    }

    private static void WriteProperty(Stream output, object value)
    {
        Span<byte> buffer = stackalloc byte[8];
        switch (value)
        {
            case bool b:
                output.WriteByte((byte)'C');
                output.WriteByte(b ? (byte)1 : (byte)0);
                break;
            case int i:
                output.WriteByte((byte)'I');
                BinaryPrimitives.WriteInt32LittleEndian(buffer, i);
                output.Write(buffer[..4]);
                break;
            case long l:
                output.WriteByte((byte)'L');
                BinaryPrimitives.WriteInt64LittleEndian(buffer, l);
                output.Write(buffer);
                break;
            case double d:
                output.WriteByte((byte)'D');
                BinaryPrimitives.WriteDoubleLittleEndian(buffer, d);
                output.Write(buffer);
                break;
            case string s:
                var bytes = Encoding.UTF8.GetBytes(s);
                output.WriteByte((byte)'S');
                WriteUInt32(output, (uint)bytes.Length);
                output.Write(bytes);
                break;
            case byte[] raw:
                output.WriteByte((byte)'R');
                WriteUInt32(output, (uint)raw.Length);
                output.Write(raw);
                break;
            case double[] doubles:
                WriteArray(output, 'd', doubles.Length, System.Runtime.InteropServices.MemoryMarshal.AsBytes(doubles.AsSpan()));
                break;
            case int[] ints:
                WriteArray(output, 'i', ints.Length, System.Runtime.InteropServices.MemoryMarshal.AsBytes(ints.AsSpan()));
                break;
            default:
                throw new NotSupportedException($"FBX property of type {value.GetType()}");
        }
    }

    /// <summary>Arrays are left uncompressed (encoding 0): bigger files, nothing to get wrong.</summary>
    private static void WriteArray(Stream output, char type, int length, ReadOnlySpan<byte> data)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("FBX arrays are little-endian");
        output.WriteByte((byte)type);
        WriteUInt32(output, (uint)length);
        WriteUInt32(output, 0);
        WriteUInt32(output, (uint)data.Length);
        output.Write(data);
    }

    private static void WriteUInt32(Stream output, uint value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, value);
        output.Write(buffer);
    }

    private static void WriteUInt32(Stream output, int value) => WriteUInt32(output, (uint)value);

    private static readonly byte[] FileId = [0x28, 0xb3, 0x2a, 0xeb, 0xb6, 0x24, 0xcc, 0xc2, 0xbf, 0xc8, 0xb0, 0x2a, 0xa9, 0x2b, 0xfc, 0xf1];

    private static void WriteFooter(MemoryStream output)
    {
        output.Write([0xfa, 0xbc, 0xab, 0x09, 0xd0, 0xc8, 0xd4, 0x66, 0xb1, 0x76, 0xfb, 0x83, 0x1c, 0xf7, 0x26, 0x7e]);
        output.Write(new byte[4]);
        var padding = (int)(((output.Position + 15) & ~15) - output.Position);
        output.Write(new byte[padding == 0 ? 16 : padding]);
        WriteUInt32(output, Version);
        output.Write(new byte[120]);
        output.Write([0xf8, 0x5a, 0x8c, 0x6a, 0xde, 0xf5, 0xd9, 0x7e, 0xec, 0xe9, 0x0c, 0xe3, 0x75, 0x8f, 0x29, 0x0b]);
    }
}
