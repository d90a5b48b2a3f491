using System.Text.Json.Serialization;

namespace Meshy3D.Emulators.Meshy.Apis;

/// <summary>POST /openapi/v2/text-to-3d body, preview and refine fields together (chosen by <c>mode</c>).</summary>
public sealed class CreateTaskRequest
{
    public string? Mode { get; set; }

    // preview
    public string? Prompt { get; set; }
    public string? AiModel { get; set; }
    public string? ModelType { get; set; }
    public bool? ShouldRemesh { get; set; }
    public string? Topology { get; set; }
    public int? TargetPolycount { get; set; }
    public int? DecimationMode { get; set; }
    public string? PoseMode { get; set; }
    [JsonPropertyName("is_a_t_pose")] public bool? IsATPose { get; set; }
    public string? SymmetryMode { get; set; }
    public string? ArtStyle { get; set; }
    public bool? Moderation { get; set; }
    public List<string>? TargetFormats { get; set; }
    public bool? AlphaThumbnail { get; set; }
    public bool? AutoSize { get; set; }
    public string? OriginAt { get; set; }
    public string? NegativePrompt { get; set; }
    public int? Seed { get; set; }
    public bool? UltraMode { get; set; }
    public string? GeometryResolution { get; set; }

    // refine
    public string? PreviewTaskId { get; set; }
    public bool? EnablePbr { get; set; }
    public string? TexturePrompt { get; set; }
    public string? TextureImageUrl { get; set; }
    public bool? RemoveLighting { get; set; }
    public bool? HdTexture { get; set; }
    public string? TextureResolution { get; set; }
}

public sealed record CreateTaskResponse(string Result);

/// <summary>The task object of GET, list items and the terminal stream event.</summary>
public sealed record TaskResponse
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required string Status { get; init; }
    public required int Progress { get; init; }
    public required string Prompt { get; init; }
    public string? ArtStyle { get; init; }
    public string? NegativePrompt { get; init; }
    public string? TexturePrompt { get; init; }
    public string? TextureImageUrl { get; init; }
    public required Dictionary<string, string> ModelUrls { get; init; }
    public required string ThumbnailUrl { get; init; }
    public required List<Dictionary<string, string>> TextureUrls { get; init; }
    public required long CreatedAt { get; init; }
    public required long StartedAt { get; init; }
    public required long FinishedAt { get; init; }
    public required int PrecedingTasks { get; init; }
    public required TaskErrorResponse TaskError { get; init; }
    public required int ConsumedCredits { get; init; }
    public int? Seed { get; init; }
}

/// <summary><c>{"message":""}</c> while fine; type/code/doc_url on failure.</summary>
public sealed record TaskErrorResponse(string Message)
{
    public string? Type { get; init; }
    public string? Code { get; init; }
    public string? DocUrl { get; init; }
}

/// <summary>What the stream sends while a task is not terminal.</summary>
public sealed record TaskProgressResponse(string Id, int Progress, string Status);

public sealed record StreamErrorResponse(int StatusCode, string Message);

public sealed record BalanceResponse(long Balance);
