using Meshy3D.Contracts;
using Meshy3D.Generation.Infrastructure.Meshy;

namespace Meshy3D.Generation.Model;

/// <summary>The files a finished Meshy task offers, named the way storage keeps them.</summary>
public static class MeshyAssets
{
    public static IReadOnlyList<GeneratedAsset> From(MeshyTask task)
    {
        var assets = new List<GeneratedAsset>();
        foreach (var (kind, url) in task.ModelUrls ?? new Dictionary<string, string>())
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri)) assets.Add(new GeneratedAsset(kind, FileName(uri, $"model.{kind}"), uri));
        }
        if (Uri.TryCreate(task.ThumbnailUrl, UriKind.Absolute, out var thumbnail))
            assets.Add(new GeneratedAsset("thumbnail", FileName(thumbnail, "thumbnail.png"), thumbnail));
        foreach (var (channel, url) in task.TextureUrls?.FirstOrDefault() ?? new Dictionary<string, string>())
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri)) assets.Add(new GeneratedAsset(channel, FileName(uri, $"texture_{channel}.png"), uri));
        }
        return assets;
    }

    /// <summary>The URL's own file name when it has one (OBJ's MTL refers to textures by it), else a name from the kind.</summary>
    static string FileName(Uri url, string fallback)
    {
        var last = Uri.UnescapeDataString(url.Segments[^1]);
        return Path.HasExtension(last) && last.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 ? last : fallback;
    }
}
