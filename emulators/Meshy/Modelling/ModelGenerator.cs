namespace Meshy3D.Emulators.Meshy.Modelling;

/// <summary>A downloadable file of a finished task.</summary>
public sealed record AssetFile(string FileName, string ContentType, byte[] Data);

/// <summary>Everything a finished task serves, by file name, and which file answers which task field.</summary>
public sealed class AssetBundle
{
    public required IReadOnlyDictionary<string, AssetFile> Files { get; init; }

    /// <summary><c>model_urls</c> key → file name (glb, fbx, obj, mtl, usdz, stl).</summary>
    public required IReadOnlyDictionary<string, string> Models { get; init; }

    /// <summary><c>texture_urls</c> key → file name (base_color, metallic, normal, roughness); empty for previews.</summary>
    public required IReadOnlyDictionary<string, string> Textures { get; init; }

    public required string Thumbnail { get; init; }

    public required int TriangleCount { get; init; }
}

public sealed record GenerationRequest(ModelDesign Design, int TargetPolycount, bool Textured, bool Pbr, IReadOnlyCollection<string> Formats, int TextureSize, int ThumbnailSize);

/// <summary>Turns a design into the files Meshy would hand back for a preview or a refine.</summary>
public static class ModelGenerator
{
    public static readonly string[] DefaultFormats = ["glb", "fbx", "obj", "usdz", "stl"];

    public static AssetBundle Generate(GenerationRequest request)
    {
        var mesh = ShapeLibrary.Sculpt(request.Design, request.TargetPolycount);
        var files = new Dictionary<string, AssetFile>();
        var models = new Dictionary<string, string>();
        var textureUrls = new Dictionary<string, string>();
        void Add(string name, string type, byte[] data) => files[name] = new AssetFile(name, type, data);

        EncodedTextures? encoded = null;
        var names = (TextureFileNames?)null;
        if (request.Textured)
        {
            var painted = TexturePainter.Paint(mesh, request.TextureSize, request.Design.Seed);
            encoded = request.Pbr
                ? new EncodedTextures(PngEncoder.Encode(painted.BaseColor), PngEncoder.Encode(painted.Metallic),
                    PngEncoder.Encode(painted.Roughness), PngEncoder.Encode(painted.Normal), PngEncoder.Encode(painted.MetallicRoughness))
                : new EncodedTextures(PngEncoder.Encode(painted.BaseColor), [], [], [], []);
            // Meshy's own naming: texture_0.png plus a suffix per PBR channel.
            names = request.Pbr
                ? new TextureFileNames("texture_0.png", "texture_0_metallic.png", "texture_0_roughness.png", "texture_0_normal.png")
                : new TextureFileNames("texture_0.png", null, null, null);
            Add(names.BaseColor, "image/png", encoded.BaseColor);
            textureUrls["base_color"] = names.BaseColor;
            if (request.Pbr)
            {
                Add(names.Metallic!, "image/png", encoded.Metallic);
                Add(names.Roughness!, "image/png", encoded.Roughness);
                Add(names.Normal!, "image/png", encoded.Normal);
                textureUrls["metallic"] = names.Metallic!;
                textureUrls["normal"] = names.Normal!;
                textureUrls["roughness"] = names.Roughness!;
            }
        }

        var formats = request.Formats;
        if (formats.Contains("glb"))
        {
            Add("model.glb", "model/gltf-binary", GlbWriter.Write(mesh, encoded, "model"));
            models["glb"] = "model.glb";
        }
        if (formats.Contains("obj"))
        {
            var (obj, mtl) = ObjWriter.Write(mesh, names, "model.mtl");
            Add("model.obj", "model/obj", obj);
            Add("model.mtl", "model/mtl", mtl);
            models["obj"] = "model.obj";
            models["mtl"] = "model.mtl";
        }
        var channels = new List<(string Channel, string File, byte[] Png, string FbxProperty)>();
        if (encoded is not null && names is not null)
        {
            channels.Add(("base_color", names.BaseColor, encoded.BaseColor, "DiffuseColor"));
            if (encoded.HasPbr)
            {
                channels.Add(("metallic", names.Metallic!, encoded.Metallic, "ReflectionFactor"));
                channels.Add(("roughness", names.Roughness!, encoded.Roughness, "ShininessExponent"));
                channels.Add(("normal", names.Normal!, encoded.Normal, "NormalMap"));
            }
        }
        if (formats.Contains("fbx"))
        {
            Add("model.fbx", "application/octet-stream",
                FbxWriter.Write(mesh, channels.Select(c => new FbxWriter.Texture(c.Channel, c.File, c.Png, c.FbxProperty)).ToList(), "model"));
            models["fbx"] = "model.fbx";
        }
        if (formats.Contains("usdz"))
        {
            Add("model.usdz", "model/vnd.usdz+zip",
                UsdzWriter.Write(mesh, channels.Select(c => new UsdzWriter.Texture(c.Channel, c.File, c.Png)).ToList()));
            models["usdz"] = "model.usdz";
        }
        if (formats.Contains("stl"))
        {
            Add("model.stl", "model/stl", StlWriter.Write(mesh));
            models["stl"] = "model.stl";
        }
        Add("preview.png", "image/png", PngEncoder.Encode(ThumbnailRenderer.Render(mesh, request.ThumbnailSize, untextured: !request.Textured)));

        return new AssetBundle { Files = files, Models = models, Textures = textureUrls, Thumbnail = "preview.png", TriangleCount = mesh.TriangleCount };
    }
}
