using System.Text.Json;
using System.Text.Json.Serialization;

namespace Meshy3D.Generation.Infrastructure.Meshy;

public enum MeshyTaskStatus { Unknown, Pending, InProgress, Succeeded, Failed, Canceled }

/// <summary>Values of <see cref="MeshyTask.Type"/>.</summary>
public static class MeshyTaskTypes
{
    public const string Preview = "text-to-3d-preview";
    public const string Refine = "text-to-3d-refine";
}

/// <summary>
/// A Text-to-3D task as GET, list, the stream and webhooks show it. Meshy adds and deprecates fields
/// almost monthly, so everything but <see cref="Id"/> and <see cref="Status"/> is optional, unknown
/// members land in <see cref="ExtensionData"/> and an unknown status reads as <see cref="MeshyTaskStatus.Unknown"/>.
/// While a task runs, the stream sends only id, status and progress.
/// </summary>
public sealed record MeshyTask
{
    /// <summary>Checked by the client rather than required here: stream progress events may leave it out.</summary>
    public string Id { get; init; } = "";

    /// <summary><see cref="MeshyTaskTypes.Preview"/> or <see cref="MeshyTaskTypes.Refine"/>.</summary>
    public string? Type { get; init; }

    [JsonRequired, JsonConverter(typeof(MeshyTaskStatusConverter))]
    public MeshyTaskStatus Status { get; init; }

    /// <summary>0–100.</summary>
    [JsonConverter(typeof(LenientInt32Converter))]
    public int? Progress { get; init; }

    public string? Prompt { get; init; }
    public string? NegativePrompt { get; init; }
    public string? TexturePrompt { get; init; }
    public string? TextureImageUrl { get; init; }
    public string? ArtStyle { get; init; }

    /// <summary>Not documented on the task object; read when Meshy sends it.</summary>
    public string? PreviewTaskId { get; init; }

    /// <summary>glb, fbx, obj, mtl, usdz, stl, 3mf; a format that was not generated is absent.</summary>
    public IReadOnlyDictionary<string, string>? ModelUrls { get; init; }

    /// <summary>Usually one map set: base_color, and metallic/roughness/normal/emission with PBR.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>>? TextureUrls { get; init; }

    public string? ThumbnailUrl { get; init; }

    /// <summary><c>{"message":""}</c> while fine; type, message and code once FAILED.</summary>
    public MeshyTaskError? TaskError { get; init; }

    /// <summary>Queue position; meaningful only while PENDING.</summary>
    [JsonConverter(typeof(LenientInt32Converter))]
    public int? PrecedingTasks { get; init; }

    [JsonConverter(typeof(UnixMillisecondsConverter))]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonConverter(typeof(UnixMillisecondsConverter))]
    public DateTimeOffset? StartedAt { get; init; }

    [JsonConverter(typeof(UnixMillisecondsConverter))]
    public DateTimeOffset? FinishedAt { get; init; }

    [JsonConverter(typeof(LenientInt32Converter))]
    public int? ConsumedCredits { get; init; }

    /// <summary>Members this client does not know (yet), kept as sent.</summary>
    // Settable, not init: the source generator cannot bind extension data through an initializer.
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    [JsonIgnore]
    public bool IsTerminal => Status is MeshyTaskStatus.Succeeded or MeshyTaskStatus.Failed or MeshyTaskStatus.Canceled;
}

public sealed record MeshyTaskError
{
    /// <summary>invalid_input, timeout, service_unavailable, server_error.</summary>
    public string? Type { get; init; }
    public string? Message { get; init; }
    /// <summary>image_too_complex, moderation_blocked, invalid_input, timeout, format_conversion_failed, …</summary>
    public string? Code { get; init; }
    public string? DocUrl { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
