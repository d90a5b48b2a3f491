using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace Meshy3D.Emulators.Meshy.Modelling;

/// <summary>PNG bytes of the maps a textured model carries.</summary>
public sealed record EncodedTextures(byte[] BaseColor, byte[] Metallic, byte[] Roughness, byte[] Normal, byte[] MetallicRoughness)
{
    public bool HasPbr => Metallic.Length > 0;
}

/// <summary>Binary glTF 2.0: one mesh, one material, textures embedded as buffer views.</summary>
public static class GlbWriter
{
    public static byte[] Write(Mesh mesh, EncodedTextures? textures, string name)
    {
        var bin = new MemoryStream();
        var bufferViews = new JsonArray();
        var accessors = new JsonArray();

        int AddView(ReadOnlySpan<byte> data, int? target)
        {
            while (bin.Length % 4 != 0) bin.WriteByte(0);
            var view = new JsonObject { ["buffer"] = 0, ["byteOffset"] = bin.Length, ["byteLength"] = data.Length };
            if (target is { } t) view["target"] = t;
            bin.Write(data);
            bufferViews.Add(view);
            return bufferViews.Count - 1;
        }

        int AddAccessor(int view, int componentType, int count, string type, JsonArray? min = null, JsonArray? max = null)
        {
            var accessor = new JsonObject { ["bufferView"] = view, ["componentType"] = componentType, ["count"] = count, ["type"] = type };
            if (min is not null) accessor["min"] = min;
            if (max is not null) accessor["max"] = max;
            accessors.Add(accessor);
            return accessors.Count - 1;
        }

        var vertices = mesh.Vertices;
        var positions = new float[vertices.Count * 3];
        var normals = new float[vertices.Count * 3];
        var uvs = new float[vertices.Count * 2];
        for (var i = 0; i < vertices.Count; i++)
        {
            var v = vertices[i];
            positions[i * 3] = v.Position.X; positions[i * 3 + 1] = v.Position.Y; positions[i * 3 + 2] = v.Position.Z;
            normals[i * 3] = v.Normal.X; normals[i * 3 + 1] = v.Normal.Y; normals[i * 3 + 2] = v.Normal.Z;
            uvs[i * 2] = v.Uv.X; uvs[i * 2 + 1] = v.Uv.Y;
        }
        var (min, max) = mesh.Bounds();
        const int floatType = 5126, uintType = 5125, arrayBuffer = 34962, elementBuffer = 34963;
        var position = AddAccessor(AddView(AsBytes(positions), arrayBuffer), floatType, vertices.Count, "VEC3",
            [min.X, min.Y, min.Z], [max.X, max.Y, max.Z]);
        var normal = AddAccessor(AddView(AsBytes(normals), arrayBuffer), floatType, vertices.Count, "VEC3");
        var uv = AddAccessor(AddView(AsBytes(uvs), arrayBuffer), floatType, vertices.Count, "VEC2");
        var indices = AddAccessor(AddView(AsBytes(mesh.Indices.ToArray()), elementBuffer), uintType, mesh.Indices.Count, "SCALAR");

        var images = new JsonArray();
        var gltfTextures = new JsonArray();
        int AddTexture(byte[] png, string imageName)
        {
            images.Add(new JsonObject { ["name"] = imageName, ["bufferView"] = AddView(png, null), ["mimeType"] = "image/png" });
            gltfTextures.Add(new JsonObject { ["sampler"] = 0, ["source"] = images.Count - 1 });
            return gltfTextures.Count - 1;
        }

        var primary = mesh.Parts[0].Surface;
        var pbr = new JsonObject();
        var material = new JsonObject { ["name"] = textures is null ? "preview" : "material", ["pbrMetallicRoughness"] = pbr };
        if (textures is null)
        {
            // Meshy previews are untextured: one plain light-grey material.
            pbr["baseColorFactor"] = new JsonArray(0.8, 0.8, 0.8, 1.0);
            pbr["metallicFactor"] = 0.0;
            pbr["roughnessFactor"] = 0.7;
        }
        else
        {
            pbr["baseColorTexture"] = new JsonObject { ["index"] = AddTexture(textures.BaseColor, "base_color") };
            if (textures.HasPbr)
            {
                pbr["metallicRoughnessTexture"] = new JsonObject { ["index"] = AddTexture(textures.MetallicRoughness, "metallic_roughness") };
                pbr["metallicFactor"] = 1.0;
                pbr["roughnessFactor"] = 1.0;
                material["normalTexture"] = new JsonObject { ["index"] = AddTexture(textures.Normal, "normal") };
            }
            else
            {
                pbr["metallicFactor"] = (double)primary.Metallic;
                pbr["roughnessFactor"] = (double)primary.Roughness;
            }
        }

        var root = new JsonObject
        {
            ["asset"] = new JsonObject { ["version"] = "2.0", ["generator"] = "Meshy3D Meshy emulator" },
            ["scene"] = 0,
            ["scenes"] = new JsonArray(new JsonObject { ["nodes"] = new JsonArray(0) }),
            ["nodes"] = new JsonArray(new JsonObject { ["name"] = name, ["mesh"] = 0 }),
            ["meshes"] = new JsonArray(new JsonObject
            {
                ["name"] = name,
                ["primitives"] = new JsonArray(new JsonObject
                {
                    ["attributes"] = new JsonObject { ["POSITION"] = position, ["NORMAL"] = normal, ["TEXCOORD_0"] = uv },
                    ["indices"] = indices,
                    ["material"] = 0,
                    ["mode"] = 4,
                }),
            }),
            ["materials"] = new JsonArray(material),
            ["accessors"] = accessors,
            ["bufferViews"] = bufferViews,
        };
        if (images.Count > 0)
        {
            root["images"] = images;
            root["textures"] = gltfTextures;
            root["samplers"] = new JsonArray(new JsonObject { ["magFilter"] = 9729, ["minFilter"] = 9987, ["wrapS"] = 10497, ["wrapT"] = 10497 });
        }
        while (bin.Length % 4 != 0) bin.WriteByte(0);
        root["buffers"] = new JsonArray(new JsonObject { ["byteLength"] = bin.Length });

        var json = Encoding.UTF8.GetBytes(root.ToJsonString());
        var jsonPadded = (json.Length + 3) & ~3;
        var total = 12 + 8 + jsonPadded + 8 + (int)bin.Length;
        var glb = new byte[total];
        var span = glb.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, 0x46546C67); // "glTF"
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], 2);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)total);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], (uint)jsonPadded);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 0x4E4F534A); // "JSON"
        json.CopyTo(span[20..]);
        span.Slice(20 + json.Length, jsonPadded - json.Length).Fill((byte)' ');
        var binStart = 20 + jsonPadded;
        BinaryPrimitives.WriteUInt32LittleEndian(span[binStart..], (uint)bin.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(binStart + 4)..], 0x004E4942); // "BIN\0"
        bin.ToArray().CopyTo(span[(binStart + 8)..]);
        return glb;
    }

    private static ReadOnlySpan<byte> AsBytes<T>(T[] values) where T : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan());
}
