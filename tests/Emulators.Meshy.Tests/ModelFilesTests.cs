using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using SharpGLTF.Schema2;
using SharpGLTF.Validation;

namespace Meshy3D.Emulators.Meshy.Tests;

/// <summary>Every produced file is valid for its format: glTF reader, OBJ/MTL parse, zip layout, Blender import.</summary>
public sealed class ModelFilesTests(ModelFilesFixture files) : IClassFixture<ModelFilesFixture>
{
    private static ModelRoot ReadGlb(string path) =>
        ModelRoot.ParseGLB(File.ReadAllBytes(path), new ReadSettings { Validation = ValidationMode.Strict });

    private static int Triangles(ModelRoot model) =>
        model.LogicalMeshes.SelectMany(m => m.Primitives).Sum(p => p.GetIndices().Count / 3);

    [Fact]
    public void Preview_glb_is_valid_gltf_with_a_plain_material_and_no_textures()
    {
        var model = ReadGlb(files.PreviewFile("model.glb"));
        Assert.NotEmpty(model.LogicalMeshes);
        var material = Assert.Single(model.LogicalMaterials);
        Assert.Empty(model.LogicalTextures);
        Assert.Empty(model.LogicalImages);
        Assert.Null(material.FindChannel("BaseColor")?.Texture);
        var primitive = model.LogicalMeshes[0].Primitives[0];
        Assert.NotNull(primitive.GetVertexAccessor("POSITION"));
        Assert.NotNull(primitive.GetVertexAccessor("NORMAL"));
        Assert.InRange(Triangles(model), ModelFilesFixture.Polycount / 2, ModelFilesFixture.Polycount * 2);
    }

    [Fact]
    public void Refined_glb_embeds_base_colour_metallic_roughness_and_normal_textures()
    {
        var model = ReadGlb(files.RefineFile("model.glb"));
        Assert.NotEmpty(model.LogicalMeshes);
        var material = Assert.Single(model.LogicalMaterials);
        Assert.Equal(3, model.LogicalTextures.Count);
        Assert.Equal(3, model.LogicalImages.Count);
        foreach (var channel in new[] { "BaseColor", "MetallicRoughness", "Normal" })
        {
            var texture = material.FindChannel(channel)?.Texture;
            Assert.True(texture is not null, $"{channel} has no texture");
            Assert.True(texture.PrimaryImage.Content.IsPng);
            PngReader.Decode(texture.PrimaryImage.Content.Content.ToArray());
        }
        Assert.NotNull(model.LogicalMeshes[0].Primitives[0].GetVertexAccessor("TEXCOORD_0"));
        // Same geometry as the preview it refines.
        Assert.Equal(Triangles(ReadGlb(files.PreviewFile("model.glb"))), Triangles(model));
    }

    [Fact]
    public void Texture_pngs_and_thumbnail_decode()
    {
        foreach (var name in new[] { "texture_0.png", "texture_0_metallic.png", "texture_0_roughness.png", "texture_0_normal.png" })
        {
            var png = PngReader.Decode(File.ReadAllBytes(files.RefineFile(name)));
            Assert.Equal((256, 256), (png.Width, png.Height));
        }
        var normal = PngReader.Decode(File.ReadAllBytes(files.RefineFile("texture_0_normal.png"))).Average();
        Assert.True(normal.B > 200 && normal.R is > 100 and < 160, $"a tangent-space normal map is mostly +Z: {normal}");
        var thumbnail = PngReader.Decode(File.ReadAllBytes(files.RefineFile("preview.png")));
        Assert.Equal(64, thumbnail.Width);
    }

    [Fact]
    public void Obj_and_mtl_parse_and_reference_the_downloaded_textures()
    {
        var lines = File.ReadAllLines(files.RefineFile("model.obj"));
        int Count(string prefix) => lines.Count(l => l.StartsWith(prefix, StringComparison.Ordinal));
        int v = Count("v "), vt = Count("vt "), vn = Count("vn "), f = Count("f ");
        Assert.True(v > 0 && vt == v && vn == v, $"v {v} vt {vt} vn {vn}");
        Assert.InRange(f, ModelFilesFixture.Polycount / 2, ModelFilesFixture.Polycount * 2);
        foreach (var face in lines.Where(l => l.StartsWith("f ", StringComparison.Ordinal)))
            foreach (var corner in face[2..].Split(' '))
                Assert.All(corner.Split('/'), index => Assert.InRange(int.Parse(index, CultureInfo.InvariantCulture), 1, v));
        foreach (var uv in lines.Where(l => l.StartsWith("vt ", StringComparison.Ordinal)).Take(200))
            Assert.All(uv[3..].Split(' '), c => Assert.InRange(double.Parse(c, CultureInfo.InvariantCulture), 0, 1));
        Assert.Contains("mtllib model.mtl", lines);

        var mtl = File.ReadAllLines(files.RefineFile("model.mtl"));
        Assert.Contains("newmtl material", mtl);
        var maps = mtl.Where(l => l.StartsWith("map_", StringComparison.Ordinal)).Select(l => l.Split(' ')[^1]).ToList();
        Assert.Equal(4, maps.Count);
        Assert.All(maps, map => Assert.True(File.Exists(files.RefineFile(map)), $"{map} is referenced but was not downloadable"));
    }

    [Fact]
    public void Usdz_is_an_uncompressed_zip_with_64_byte_aligned_entries_holding_a_stage_and_its_textures()
    {
        var data = File.ReadAllBytes(files.RefineFile("model.usdz"));
        var offset = 0;
        var names = new List<string>();
        while (BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset)) == 0x04034b50)
        {
            var method = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(offset + 8));
            var size = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(offset + 18));
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(offset + 26));
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(offset + 28));
            var name = Encoding.UTF8.GetString(data, offset + 30, nameLength);
            var dataStart = offset + 30 + nameLength + extraLength;
            Assert.Equal(0, method);
            Assert.True(dataStart % 64 == 0, $"{name} data starts at {dataStart}");
            Assert.Equal(BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset + 14)), System.IO.Hashing.Crc32.HashToUInt32(data.AsSpan(dataStart, size)));
            names.Add(name);
            offset = dataStart + size;
        }
        Assert.Equal("model.usda", names[0]);

        using var zip = new ZipArchive(new MemoryStream(data), ZipArchiveMode.Read);
        Assert.Equal(names, zip.Entries.Select(e => e.FullName));
        using var reader = new StreamReader(zip.GetEntry("model.usda")!.Open());
        var stage = reader.ReadToEnd();
        Assert.StartsWith("#usda 1.0", stage);
        Assert.Contains("def Mesh", stage);
        Assert.Contains("UsdPreviewSurface", stage);
        var assets = System.Text.RegularExpressions.Regex.Matches(stage, "@([^@]+)@").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(4, assets.Count);
        Assert.All(assets, asset => Assert.Contains(asset, names));
    }

    [Fact]
    public void Stl_has_one_record_per_triangle()
    {
        var data = File.ReadAllBytes(files.PreviewFile("model.stl"));
        var triangles = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(80));
        Assert.Equal(84 + 50 * triangles, (uint)data.Length);
        Assert.Equal(Triangles(ReadGlb(files.PreviewFile("model.glb"))), (int)triangles);
    }

    [Fact]
    public void Fbx_is_binary_fbx_7400()
    {
        var data = File.ReadAllBytes(files.RefineFile("model.fbx"));
        Assert.Equal("Kaydara FBX Binary  \0"u8.ToArray(), data[..21]);
        Assert.Equal(7400u, BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(23)));
    }

    [Fact]
    public async Task Blender_imports_the_refined_fbx_alone_with_mesh_uvs_material_and_embedded_textures()
    {
        var report = await Blender.ImportAsync(Path.Combine(files.LoneFbxFolder, "model.fbx"));
        Assert.Equal("FINISHED", report.GetProperty("result")[0].GetString());
        Assert.True(report.GetProperty("meshes").GetInt32() > 0, report.ToString());
        Assert.Equal(Triangles(ReadGlb(files.RefineFile("model.glb"))), report.GetProperty("polygons").GetInt32());
        Assert.True(report.GetProperty("uv_layers").GetInt32() > 0);
        Assert.NotEmpty(report.GetProperty("materials").EnumerateArray());
        var images = report.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(4, images.Count);
        Assert.All(images, image =>
        {
            Assert.True(image.GetProperty("packed").GetBoolean() || image.GetProperty("on_disk").GetBoolean(), $"image not found: {image}");
            Assert.Equal(256, image.GetProperty("width").GetInt32());
        });
        Assert.Equal(4, report.GetProperty("texture_nodes").GetInt32());
    }

    [Fact]
    public async Task Blender_imports_the_refined_obj_with_every_texture_found_on_disk()
    {
        var report = await Blender.ImportAsync(files.RefineFile("model.obj"));
        Assert.True(report.GetProperty("meshes").GetInt32() > 0, report.ToString());
        Assert.Equal(Triangles(ReadGlb(files.RefineFile("model.glb"))), report.GetProperty("polygons").GetInt32());
        Assert.Contains("material", report.GetProperty("materials").EnumerateArray().Select(m => m.GetString()));
        var images = report.GetProperty("images").EnumerateArray().ToList();
        Assert.True(images.Count >= 2, $"expected base colour and more textures: {report}");
        Assert.All(images, image =>
        {
            Assert.True(image.GetProperty("on_disk").GetBoolean(), $"texture missing on disk: {image}");
            Assert.True(image.GetProperty("width").GetInt32() > 0, $"texture did not load: {image}");
        });
    }

    [Fact]
    public async Task Blender_imports_the_untextured_preview_fbx()
    {
        var report = await Blender.ImportAsync(files.PreviewFile("model.fbx"));
        Assert.True(report.GetProperty("meshes").GetInt32() > 0, report.ToString());
        Assert.NotEmpty(report.GetProperty("materials").EnumerateArray());
        Assert.Empty(report.GetProperty("images").EnumerateArray());
    }
}
