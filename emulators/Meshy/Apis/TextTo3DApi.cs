using System.Text.Json;
using Meshy3D.Emulators.Meshy.Model;
using Meshy3D.Emulators.Meshy.Modelling;

namespace Meshy3D.Emulators.Meshy.Apis;

/// <summary>Meshy's Text-to-3D v2 endpoints (create, get, list, delete, stream) and the account balance.</summary>
public static class TextTo3DApi
{
    public const int MaxPromptLength = 600;

    private static readonly string[] AiModels = ["meshy-5", "meshy-6", "meshy-7", "meshy-7.1", "meshy-t2", "latest"];
    private static readonly string[] ModelTypes = ["standard", "lowpoly", "smart-topology"];
    private static readonly string[] Topologies = ["quad", "triangle"];
    private static readonly string[] ArtStyles = ["realistic", "sculpture"];
    private static readonly string[] SymmetryModes = ["off", "auto", "on"];
    private static readonly string[] PoseModes = ["a-pose", "t-pose", ""];
    private static readonly string[] OriginModes = ["bottom", "center"];
    private static readonly string[] Formats = ["glb", "obj", "fbx", "stl", "usdz", "3mf"];
    private static readonly string[] GeometryResolutions = ["standard", "2k", "4k"];
    private static readonly string[] TextureResolutions = ["1k", "2k", "4k", "8k"];

    public static IEndpointRouteBuilder MapTextTo3DApi(this IEndpointRouteBuilder app)
    {
        // /v2/… is Meshy's legacy unprefixed alias of /openapi/v2/….
        foreach (var prefix in new[] { "/openapi/v2/text-to-3d", "/v2/text-to-3d" })
        {
            var api = app.MapGroup(prefix).AddEndpointFilter<PublicApiGate>();
            api.MapPost("", CreateTask).WithMetadata(new MeshyOperation("create"));
            api.MapGet("", ListTasks).WithMetadata(new MeshyOperation("list"));
            api.MapGet("{id}", GetTask).WithMetadata(new MeshyOperation("get"));
            api.MapDelete("{id}", DeleteTask).WithMetadata(new MeshyOperation("delete"));
            api.MapGet("{id}/stream", StreamTask).WithMetadata(new MeshyOperation("stream"));
        }
        app.MapGroup("/openapi/v1").AddEndpointFilter<PublicApiGate>()
            .MapGet("balance", (HttpContext http, TaskBoard board) => Results.Json(new BalanceResponse(board.Balance(PublicApiGate.Account(http))), MeshyJson.Options))
            .WithMetadata(new MeshyOperation("balance"));
        return app;
    }

    private static IResult Bad(string message) => MeshyJson.Error(StatusCodes.Status400BadRequest, message);

    private static string? OneOf(string field, string? value, string[] allowed) =>
        value is null || allowed.Contains(value) ? null : $"Invalid {field}: '{value}'. Expected one of: {string.Join(", ", allowed.Select(a => a.Length == 0 ? "\"\"" : a))}";

    private static async Task<IResult> CreateTask(HttpContext http, TaskBoard board, EmulatorSettings settings, RequestJournal journal)
    {
        CreateTaskRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<CreateTaskRequest>(http.Request.Body, MeshyJson.Options, http.RequestAborted);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : null;
            return Bad(field is null ? "Invalid JSON body" : $"Invalid JSON body: invalid value for {field}");
        }
        if (body is null) return Bad("Request body is required");

        var account = PublicApiGate.Account(http);
        var (input, generation, credits, kind, failure, problem) = body.Mode switch
        {
            null or "" => Reject("mode is required: 'preview' or 'refine'"),
            "preview" => Preview(body, settings),
            "refine" => Refine(body, board, account, settings),
            _ => Reject($"Invalid mode: '{body.Mode}'. Expected 'preview' or 'refine'"),
        };
        if (problem is not null) return problem;

        var (task, rejection) = board.Create(account, kind, input!, generation!, credits, failure);
        switch (rejection)
        {
            case CreateRejection.QueueFull:
                return MeshyJson.Error(StatusCodes.Status429TooManyRequests, "NoMoreConcurrentTasks");
            case CreateRejection.NotEnoughCredits:
                return MeshyJson.Error(StatusCodes.Status402PaymentRequired, "Insufficient credits");
        }
        journal.TaskCreated(kind);
        return Results.Json(new CreateTaskResponse(task!.Id), MeshyJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private sealed record Plan(TaskInput? Input, GenerationRequest? Generation, int Credits, MeshyTaskKind Kind, FailurePlan? Failure, IResult? Problem);

    private static Plan Reject(string message) => new(null, null, 0, MeshyTaskKind.Preview, null, Bad(message));

    private static string? CheckFormats(List<string>? formats)
    {
        if (formats is null) return null;
        if (formats.Count == 0) return "target_formats must not be empty";
        return formats.Select(f => OneOf("target_formats", f, Formats)).FirstOrDefault(m => m is not null);
    }

    private static FailurePlan? TriggeredFailure(EmulatorSettings settings, params string?[] texts)
    {
        var trigger = settings.Options.FailurePromptTrigger;
        if (string.IsNullOrEmpty(trigger) || !texts.Any(t => t?.Contains(trigger, StringComparison.OrdinalIgnoreCase) == true)) return null;
        return new FailurePlan(20, new TaskFailure("invalid_input", "The prompt contains the emulator's failure trigger", "invalid_input"));
    }

    private static Plan Preview(CreateTaskRequest body, EmulatorSettings settings)
    {
        if (string.IsNullOrWhiteSpace(body.Prompt)) return Reject("prompt is required");
        if (body.Prompt.Length > MaxPromptLength) return Reject($"prompt is too long: {body.Prompt.Length} characters, at most {MaxPromptLength}");
        if (body.AiModel == "meshy-4") return Reject("Invalid ai_model: 'meshy-4' has been retired");
        var enumProblem = OneOf("ai_model", body.AiModel, AiModels)
            ?? OneOf("model_type", body.ModelType, ModelTypes)
            ?? OneOf("topology", body.Topology, Topologies)
            ?? OneOf("art_style", body.ArtStyle, ArtStyles)
            ?? OneOf("symmetry_mode", body.SymmetryMode, SymmetryModes)
            ?? OneOf("pose_mode", body.PoseMode, PoseModes)
            ?? OneOf("origin_at", body.OriginAt, OriginModes)
            ?? OneOf("geometry_resolution", body.GeometryResolution, GeometryResolutions)
            ?? CheckFormats(body.TargetFormats);
        if (enumProblem is not null) return Reject(enumProblem);

        var smart = body.ModelType == "smart-topology";
        var (low, high) = smart ? (100, 15_000) : (100, 300_000);
        if (body.TargetPolycount is { } requested && (requested < low || requested > high))
            return Reject($"target_polycount must be between {low} and {high}");
        if (body.DecimationMode is { } decimation && decimation is < 1 or > 4)
            return Reject("decimation_mode must be 1 (ultra), 2 (high), 3 (medium) or 4 (low)");

        var polycount = body.DecimationMode switch
        {
            1 => 100_000,
            2 => 30_000,
            3 => 10_000,
            4 => 3_000,
            _ when body.ModelType == "lowpoly" => 1_500,
            _ => body.TargetPolycount ?? (smart ? 4_000 : 30_000),
        };
        var aiModel = body.AiModel ?? "latest";
        var credits = aiModel == "meshy-5" || smart ? 5 : 20;
        if (body.UltraMode == true) credits += 5;

        var formats = body.TargetFormats?.Distinct().ToList() ?? [.. ModelGenerator.DefaultFormats];
        var design = PromptInterpreter.Interpret(body.Prompt);
        var options = settings.Options;
        var input = new TaskInput
        {
            Prompt = body.Prompt,
            ArtStyle = body.ArtStyle ?? "realistic",
            NegativePrompt = body.NegativePrompt,
            Seed = body.Seed,
            AiModel = aiModel,
            TargetPolycount = polycount,
            TargetFormats = formats,
        };
        var generation = new GenerationRequest(design, polycount, Textured: false, Pbr: false, formats, options.TextureSize, options.ThumbnailSize);
        return new Plan(input, generation, credits, MeshyTaskKind.Preview, TriggeredFailure(settings, body.Prompt), null);
    }

    private static Plan Refine(CreateTaskRequest body, TaskBoard board, string account, EmulatorSettings settings)
    {
        if (string.IsNullOrWhiteSpace(body.PreviewTaskId)) return Reject("preview_task_id is required");
        if (!Guid.TryParse(body.PreviewTaskId, out _)) return Reject($"Invalid preview_task_id: '{body.PreviewTaskId}'");
        if (body.TexturePrompt is { Length: > MaxPromptLength })
            return Reject($"texture_prompt is too long: {body.TexturePrompt.Length} characters, at most {MaxPromptLength}");
        if (body.AiModel == "meshy-4") return Reject("Invalid ai_model: 'meshy-4' has been retired");
        var enumProblem = OneOf("ai_model", body.AiModel, AiModels)
            ?? OneOf("texture_resolution", body.TextureResolution, TextureResolutions)
            ?? OneOf("origin_at", body.OriginAt, OriginModes)
            ?? CheckFormats(body.TargetFormats);
        if (enumProblem is not null) return Reject(enumProblem);
        if (body.TextureImageUrl is { } url && !url.StartsWith("data:image/", StringComparison.Ordinal)
            && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            return Reject("texture_image_url must be a public http(s) URL or a data:image/… URI");

        var preview = board.Get(account, body.PreviewTaskId);
        if (preview is null)
            return new Plan(null, null, 0, MeshyTaskKind.Refine, null, MeshyJson.Error(StatusCodes.Status404NotFound, "Preview task not found"));
        if (preview.Kind != MeshyTaskKind.Preview) return Reject("preview_task_id must name a preview task, not a refine task");
        if (preview.Status != MeshyTaskStatus.Succeeded)
            return Reject($"Preview task {preview.Id} is not ready for refine: its status is {TaskPresenter.Status(preview.Status)}, it must be SUCCEEDED");
        if (preview.Input.ArtStyle == "sculpture" && body.EnablePbr == true)
            return Reject("enable_pbr is not supported for a preview with art_style 'sculpture'");

        var pbr = body.EnablePbr == true;
        var formats = body.TargetFormats?.Distinct().ToList() ?? [.. ModelGenerator.DefaultFormats];
        var design = string.IsNullOrWhiteSpace(body.TexturePrompt) ? preview.Generation.Design : preview.Generation.Design.Repainted(body.TexturePrompt);
        var options = settings.Options;
        var input = preview.Input with
        {
            TexturePrompt = body.TexturePrompt,
            TextureImageUrl = body.TextureImageUrl,
            AiModel = body.AiModel ?? preview.Input.AiModel,
            EnablePbr = pbr,
            PreviewTaskId = preview.Id,
            TargetFormats = formats,
        };
        var generation = new GenerationRequest(design, preview.Generation.TargetPolycount, Textured: true, pbr, formats, options.TextureSize, options.ThumbnailSize);
        var credits = body.TextureResolution == "8k" ? 15 : 10;
        return new Plan(input, generation, credits, MeshyTaskKind.Refine, TriggeredFailure(settings, body.TexturePrompt), null);
    }

    private static IResult GetTask(string id, HttpContext http, TaskBoard board, TaskPresenter presenter)
    {
        var task = board.Get(PublicApiGate.Account(http), id);
        return task is null
            ? MeshyJson.Error(StatusCodes.Status404NotFound, "Task not found")
            : Results.Json(presenter.Present(task, presenter.BaseUrl(http.Request)), MeshyJson.Options);
    }

    private static IResult ListTasks(HttpContext http, TaskBoard board, TaskPresenter presenter)
    {
        var query = http.Request.Query;
        var pageNum = 1;
        var pageSize = 10;
        if (query.TryGetValue("page_num", out var num) && (!int.TryParse(num, out pageNum) || pageNum < 1))
            return Bad("page_num must be a positive integer");
        if (query.TryGetValue("page_size", out var size) && (!int.TryParse(size, out pageSize) || pageSize is < 1 or > 50))
            return Bad("page_size must be an integer from 1 to 50");
        var ascending = false;
        if (query.TryGetValue("sort_by", out var sortValues))
        {
            // An unescaped '+' arrives as a space.
            var sort = sortValues.ToString().Trim();
            if (sort == "created_at" || sort == "+created_at") ascending = true;
            else if (sort != "-created_at") return Bad($"Invalid sort_by: '{sortValues}'. Expected +created_at or -created_at");
        }
        var baseUrl = presenter.BaseUrl(http.Request);
        var tasks = board.List(PublicApiGate.Account(http), pageNum, pageSize, ascending).Select(t => presenter.Present(t, baseUrl));
        return Results.Json(tasks, MeshyJson.Options);
    }

    private static IResult DeleteTask(string id, HttpContext http, TaskBoard board) =>
        board.Delete(PublicApiGate.Account(http), id) ? Results.Ok() : MeshyJson.Error(StatusCodes.Status404NotFound, "Task not found");

    /// <summary>
    /// SSE: one <c>message</c> event per visible change (and as keep-alive), progress-only while
    /// running, the full object at the end; unknown ids get an <c>error</c> event after 200.
    /// </summary>
    private static async Task<IResult> StreamTask(string id, HttpContext http, TaskBoard board, TaskPresenter presenter, FaultSwitches faults, EmulatorSettings settings)
    {
        var account = PublicApiGate.Account(http);
        var response = http.Response;
        var aborted = http.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var json = settings.Options.StreamPrettyPrint ? MeshyJson.Indented : MeshyJson.Options;

        async Task Send(string name, object payload)
        {
            var text = JsonSerializer.Serialize(payload, payload.GetType(), json);
            var data = string.Join("\n", text.Split('\n').Select(line => "data: " + line.TrimEnd('\r')));
            await response.WriteAsync($"event: {name}\n{data}\n\n", aborted);
            await response.Body.FlushAsync(aborted);
        }

        var drop = board.Get(account, id) is null ? null : faults.TakeStreamDrop();
        var baseUrl = presenter.BaseUrl(http.Request);
        var sent = 0;
        var lastVersion = -1;
        var lastSent = DateTimeOffset.MinValue;
        try
        {
            while (!aborted.IsCancellationRequested)
            {
                var task = board.Get(account, id);
                if (task is null)
                {
                    await Send("error", new StreamErrorResponse(404, "Task not found"));
                    break;
                }
                var now = DateTimeOffset.UtcNow;
                if (task.Version != lastVersion || now - lastSent >= settings.Options.StreamKeepAlive)
                {
                    await Send("message", task.IsTerminal ? presenter.Present(task, baseUrl) : presenter.Progress(task));
                    sent++;
                    lastVersion = task.Version;
                    lastSent = now;
                    if (task.IsTerminal) break;
                    if (drop is not null && sent >= drop.AfterEvents)
                    {
                        if (drop.Abort) http.Abort();
                        break;
                    }
                }
                await Task.Delay(25, aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away.
        }
        return Results.Empty;
    }
}
