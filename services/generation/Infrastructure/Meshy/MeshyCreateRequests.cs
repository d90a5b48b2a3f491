using System.Text.Json.Serialization;

namespace Meshy3D.Generation.Infrastructure.Meshy;

/// <summary>
/// POST /openapi/v2/text-to-3d with mode "preview": an untextured mesh. Unset (null) fields are left out,
/// so Meshy applies its own defaults.
/// </summary>
public sealed record MeshyPreviewRequest(string Prompt)
{
    [JsonPropertyOrder(-1)]
    public string Mode => "preview";

    public string? NegativePrompt { get; init; }
    /// <summary>meshy-5, meshy-6, latest, …</summary>
    public string? AiModel { get; init; }
    /// <summary>standard, lowpoly, smart-topology.</summary>
    public string? ModelType { get; init; }
    /// <summary>quad or triangle; only with <see cref="ShouldRemesh"/>.</summary>
    public string? Topology { get; init; }
    /// <summary>100–300,000; only with <see cref="ShouldRemesh"/>.</summary>
    public int? TargetPolycount { get; init; }
    /// <summary>1 ultra … 4 low; overrides <see cref="TargetPolycount"/>.</summary>
    public int? DecimationMode { get; init; }
    /// <summary>off, auto, on (deprecated by Meshy, still accepted).</summary>
    public string? SymmetryMode { get; init; }
    public bool? ShouldRemesh { get; init; }
    /// <summary>a-pose, t-pose or "".</summary>
    public string? PoseMode { get; init; }
    public string? ArtStyle { get; init; }
    public bool? Moderation { get; init; }
    /// <summary>glb, obj, fbx, stl, usdz, 3mf.</summary>
    public IReadOnlyList<string>? TargetFormats { get; init; }
    public bool? AlphaThumbnail { get; init; }
    public bool? AutoSize { get; init; }
    /// <summary>bottom or center.</summary>
    public string? OriginAt { get; init; }
    public int? Seed { get; init; }
}

/// <summary>POST /openapi/v2/text-to-3d with mode "refine": textures a SUCCEEDED preview.</summary>
public sealed record MeshyRefineRequest(string PreviewTaskId)
{
    [JsonPropertyOrder(-1)]
    public string Mode => "refine";

    public bool? EnablePbr { get; init; }
    public string? TexturePrompt { get; init; }
    /// <summary>A public URL or a data:image/… URI; <see cref="TexturePrompt"/> wins when both are set.</summary>
    public string? TextureImageUrl { get; init; }
    public string? AiModel { get; init; }
    public bool? Moderation { get; init; }
    public bool? RemoveLighting { get; init; }
    /// <summary>2k, 4k, 8k on newer models.</summary>
    public string? TextureResolution { get; init; }
    public IReadOnlyList<string>? TargetFormats { get; init; }
    public bool? AlphaThumbnail { get; init; }
    public bool? AutoSize { get; init; }
    public string? OriginAt { get; init; }
}
