using Meshy3D.Emulators.Meshy.Assets;
using Meshy3D.Emulators.Meshy.Model;

namespace Meshy3D.Emulators.Meshy.Apis;

/// <summary>Turns a task snapshot into Meshy's JSON, signing fresh asset URLs on every read.</summary>
public sealed class TaskPresenter(AssetUrlSigner signer, EmulatorSettings settings)
{
    public static string Status(MeshyTaskStatus status) => status switch
    {
        MeshyTaskStatus.Pending => "PENDING",
        MeshyTaskStatus.InProgress => "IN_PROGRESS",
        MeshyTaskStatus.Succeeded => "SUCCEEDED",
        MeshyTaskStatus.Failed => "FAILED",
        _ => "CANCELED",
    };

    /// <summary>Asset URLs are absolute: a configured public base, else the caller's own scheme and host.</summary>
    public string BaseUrl(HttpRequest request) =>
        settings.Options.PublicBaseUrl is { Length: > 0 } configured ? configured : $"{request.Scheme}://{request.Host}{request.PathBase}";

    public TaskProgressResponse Progress(TaskSnapshot task) => new(task.Id, task.Progress, Status(task.Status));

    public TaskResponse Present(TaskSnapshot task, string baseUrl)
    {
        var models = new Dictionary<string, string>();
        var textures = new List<Dictionary<string, string>>();
        var thumbnail = "";
        if (task.Assets is { } assets)
        {
            foreach (var (format, file) in assets.Models) models[format] = signer.Sign(baseUrl, task.Id, file);
            if (assets.Textures.Count > 0)
                textures.Add(assets.Textures.ToDictionary(t => t.Key, t => signer.Sign(baseUrl, task.Id, t.Value)));
            thumbnail = signer.Sign(baseUrl, task.Id, assets.Thumbnail);
        }
        var error = task.Error is { } failure
            ? new TaskErrorResponse(failure.Message)
            {
                Type = failure.Type,
                Code = failure.Code,
                DocUrl = failure.Code is null ? null : $"https://docs.meshy.ai/en/api/errors#{failure.Code}",
            }
            : new TaskErrorResponse("");
        var input = task.Input;
        return new TaskResponse
        {
            Id = task.Id,
            Type = task.Kind == MeshyTaskKind.Preview ? "text-to-3d-preview" : "text-to-3d-refine",
            Status = Status(task.Status),
            Progress = task.Progress,
            Prompt = input.Prompt,
            ArtStyle = input.ArtStyle,
            NegativePrompt = input.NegativePrompt,
            TexturePrompt = input.TexturePrompt,
            TextureImageUrl = input.TextureImageUrl,
            ModelUrls = models,
            ThumbnailUrl = thumbnail,
            TextureUrls = textures,
            CreatedAt = task.CreatedAt,
            StartedAt = task.StartedAt,
            FinishedAt = task.FinishedAt,
            PrecedingTasks = task.PrecedingTasks,
            TaskError = error,
            ConsumedCredits = task.ConsumedCredits,
            Seed = input.Seed,
        };
    }
}
