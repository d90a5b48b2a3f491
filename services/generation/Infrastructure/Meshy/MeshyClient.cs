using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Meshy3D.Generation.Infrastructure.Meshy;

/// <summary>
/// Typed client of Meshy's Text-to-3D v2 API. Every failure surfaces as a <see cref="MeshyApiException"/>
/// (except the caller's own cancellation). Safe requests are retried by the pipeline that
/// <see cref="MeshyClientExtensions.AddMeshyClient"/> sets up; creates never are, because a lost answer
/// does not mean a lost task: see <see cref="MeshyApiException.MayHaveCreatedTask"/> and <see cref="FindRecentTaskAsync(string, string, DateTimeOffset, CancellationToken)"/>.
/// </summary>
public sealed class MeshyClient(HttpClient http, IOptions<MeshyOptions> options, TimeProvider time)
{
    public const int MaxPageSize = 50;

    /// <summary>Marks the stream request so the pipeline neither times it out per attempt nor buffers it.</summary>
    static readonly HttpRequestOptionsKey<bool> StreamRequest = new("Meshy3D.Meshy.Stream");

    internal static bool IsStream(HttpRequestMessage? request) =>
        request?.Options.TryGetValue(StreamRequest, out var stream) == true && stream;

    const string TasksPath = "openapi/v2/text-to-3d";

    // A lookup reads at most this many pages (1,000 tasks) before giving up on finding a recent create.
    const int MaxLookupPages = 20;

    readonly MeshyOptions _options = options.Value;

    /// <summary>Starts an untextured preview; returns the new task's id.</summary>
    public Task<string> CreatePreviewAsync(MeshyPreviewRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Prompt);
        return CreateAsync(JsonContent.Create(request, MeshyJsonContext.Default.MeshyPreviewRequest), cancellationToken);
    }

    /// <summary>Starts texturing a SUCCEEDED preview; returns the new task's id.</summary>
    public Task<string> CreateRefineAsync(MeshyRefineRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.PreviewTaskId);
        return CreateAsync(JsonContent.Create(request, MeshyJsonContext.Default.MeshyRefineRequest), cancellationToken);
    }

    public async Task<MeshyTask> GetTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, TaskPath(taskId));
        using var response = await SendAsync(request, "get", isCreate: false, cancellationToken);
        var task = await ReadJsonAsync(response, MeshyJsonContext.Default.MeshyTask, "get", isCreate: false, cancellationToken);
        return Checked(task, "get", response);
    }

    /// <summary>One page (1-based) of the account's tasks; a page shorter than <paramref name="pageSize"/> is the last.</summary>
    public async Task<IReadOnlyList<MeshyTask>> ListTasksAsync(int pageNum, int pageSize, bool newestFirst, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageNum, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);

        // '+' must be escaped, or it arrives as a space.
        var sort = newestFirst ? "-created_at" : "%2Bcreated_at";
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{TasksPath}?page_num={pageNum}&page_size={pageSize}&sort_by={sort}");
        using var response = await SendAsync(request, "list", isCreate: false, cancellationToken);
        var tasks = await ReadJsonAsync(response, MeshyJsonContext.Default.ListMeshyTask, "list", isCreate: false, cancellationToken);
        foreach (var task in tasks) Checked(task, "list", response);
        return tasks;
    }

    /// <summary>Deletes the task and its files; a task that is already gone (404) counts as deleted.</summary>
    public async Task DeleteTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, TaskPath(taskId));
        using var response = await SendAsync(request, "delete", isCreate: false, cancellationToken);
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound) return;
        throw await MeshyApiException.FromResponseAsync(response, "delete", isCreate: false, time, cancellationToken);
    }

    /// <summary>
    /// Follows the task over Server-Sent Events: yields every task object Meshy sends (id, status and progress
    /// while it runs, the full task at the end) and completes after the terminal one. A stream that ends,
    /// breaks (<see cref="MeshyErrorKind.Network"/>) or stays silent for <see cref="MeshyOptions.StreamIdleTimeout"/>
    /// (<see cref="MeshyErrorKind.Timeout"/>) before that throws; Meshy has no resume, so recover with <see cref="GetTaskAsync"/>.
    /// </summary>
    public async IAsyncEnumerable<MeshyTask> StreamTaskAsync(string taskId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{TaskPath(taskId)}/stream");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Options.Set(StreamRequest, true);
        using var response = await SendAsync(request, "stream", isCreate: false, cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
            throw await MeshyApiException.FromResponseAsync(response, "stream", isCreate: false, time, cancellationToken);

        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var events = await OpenEventsAsync(response, watchdog, cancellationToken);
        while (true)
        {
            var next = await NextEventAsync(events, cancellationToken);
            switch (next)
            {
                case null:
                    throw new MeshyApiException(MeshyErrorKind.Network, $"Meshy's stream of task {taskId} ended before the task did.");
                case { Event: "error" }:
                    throw StreamError(next.Data);
                case { Event: "message" }:
                    var task = ParseTask(next.Data, "stream");
                    // Progress events are meant to carry the id; fill it in when one does not.
                    yield return string.IsNullOrEmpty(task.Id) ? task with { Id = taskId } : task;
                    if (task.IsTerminal) yield break;
                    break;
            }
        }
    }

    /// <summary>
    /// Finds a task that a create with an unknown outcome may have made: the newest task of this type and
    /// prompt created at or after <paramref name="notBefore"/> (less <see cref="MeshyOptions.LookupClockSkew"/>,
    /// since the timestamps are Meshy's). Reads newest-first pages until the tasks are older than that.
    /// </summary>
    public Task<MeshyTask?> FindRecentTaskAsync(string prompt, string type, DateTimeOffset notBefore, CancellationToken cancellationToken = default) =>
        FindRecentTaskAsync(prompt, type, notBefore, previewTaskId: null, cancellationToken);

    /// <inheritdoc cref="FindRecentTaskAsync(string, string, DateTimeOffset, CancellationToken)"/>
    /// <param name="previewTaskId">For a refine: also required to match, where Meshy shows <c>preview_task_id</c>.</param>
    public async Task<MeshyTask?> FindRecentTaskAsync(string prompt, string type, DateTimeOffset notBefore, string? previewTaskId, CancellationToken cancellationToken = default)
    {
        var since = notBefore - _options.LookupClockSkew;
        for (var page = 1; page <= MaxLookupPages; page++)
        {
            var tasks = await ListTasksAsync(page, MaxPageSize, newestFirst: true, cancellationToken);
            foreach (var task in tasks)
            {
                // Newest first: once one is too old, so is the rest.
                if (task.CreatedAt < since) return null;
                if (Matches(task, prompt, type, previewTaskId)) return task;
            }
            if (tasks.Count < MaxPageSize) return null;
        }
        return null;
    }

    static bool Matches(MeshyTask task, string prompt, string type, string? previewTaskId) =>
        string.Equals(task.Prompt?.Trim(), prompt.Trim(), StringComparison.Ordinal)
        && (task.Type is null || string.Equals(task.Type, type, StringComparison.OrdinalIgnoreCase))
        && (previewTaskId is null || task.PreviewTaskId is null || task.PreviewTaskId == previewTaskId);

    async Task<string> CreateAsync(HttpContent content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TasksPath) { Content = content };
        using var response = await SendAsync(request, "create", isCreate: true, cancellationToken);
        var created = await ReadJsonAsync(response, MeshyJsonContext.Default.CreateTaskResult, "create", isCreate: true, cancellationToken);
        return created.Result is { Length: > 0 } id
            ? id
            : throw new MeshyApiException(MeshyErrorKind.Malformed, "Meshy accepted the create but sent no task id (\"result\").",
                (int)response.StatusCode, mayHaveCreatedTask: true);
    }

    static string TaskPath(string taskId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        return $"{TasksPath}/{Uri.EscapeDataString(taskId)}";
    }

    /// <summary>Sends one request through the pipeline; transport failures become Timeout or Network.</summary>
    async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string operation, bool isCreate,
        CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        try
        {
            return await http.SendAsync(request, completion, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is TimeoutRejectedException or OperationCanceledException or TimeoutException)
        {
            throw new MeshyApiException(MeshyErrorKind.Timeout, $"Meshy {operation} timed out.", mayHaveCreatedTask: isCreate, innerException: e);
        }
        catch (HttpRequestException e)
        {
            throw new MeshyApiException(MeshyErrorKind.Network, $"Meshy {operation} failed: {e.Message}",
                mayHaveCreatedTask: isCreate && MeshyApiException.MayHaveBeenSent(e), innerException: e);
        }
        catch (IOException e)
        {
            throw new MeshyApiException(MeshyErrorKind.Network, $"Meshy {operation} failed: {e.Message}", mayHaveCreatedTask: isCreate, innerException: e);
        }
    }

    async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, string operation, bool isCreate, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
            throw await MeshyApiException.FromResponseAsync(response, operation, isCreate, time, cancellationToken);
        try
        {
            // The body is already buffered (inside the attempt's timeout), so this only parses.
            return await response.Content.ReadFromJsonAsync(type, cancellationToken)
                   ?? throw new JsonException("The body is JSON null.");
        }
        catch (JsonException e)
        {
            // A create that succeeded made its task even if its answer is unreadable.
            throw new MeshyApiException(MeshyErrorKind.Malformed, $"Meshy {operation} answered {(int)response.StatusCode} with a body this client cannot read: {e.Message}",
                (int)response.StatusCode, mayHaveCreatedTask: isCreate, innerException: e);
        }
    }

    static MeshyTask ParseTask(string json, string operation)
    {
        MeshyTask? task;
        try
        {
            task = JsonSerializer.Deserialize(json, MeshyJsonContext.Default.MeshyTask);
        }
        catch (JsonException e)
        {
            throw new MeshyApiException(MeshyErrorKind.Malformed, $"Meshy {operation} sent a task this client cannot read: {e.Message}", innerException: e);
        }
        return task ?? throw new MeshyApiException(MeshyErrorKind.Malformed, $"Meshy {operation} sent null instead of a task.");
    }

    static MeshyTask Checked(MeshyTask task, string operation, HttpResponseMessage response) => string.IsNullOrEmpty(task.Id)
        ? throw new MeshyApiException(MeshyErrorKind.Malformed, $"Meshy {operation} sent a task without an id.", (int)response.StatusCode)
        : task;

    /// <summary><c>event: error</c>, <c>data: {"status_code":404,"message":"Task not found"}</c>: an HTTP error sent after the 200.</summary>
    static MeshyApiException StreamError(string data)
    {
        int? status = null;
        try
        {
            using var document = JsonDocument.Parse(data);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("status_code", out var code) && code.TryGetInt32(out var value))
                status = value;
        }
        catch (JsonException)
        {
            // Keep the raw text as the message below.
        }
        var message = MeshyApiException.ReadMessage(data) ?? data;
        var kind = status is { } s ? MeshyApiException.FromStatus(s, message) : MeshyErrorKind.ServerError;
        return new MeshyApiException(kind, $"Meshy's stream reported an error{(status is null ? "" : $" {status}")}: {message}", status, message);
    }

    async Task<ServerSentEventReader> OpenEventsAsync(HttpResponseMessage response, CancellationTokenSource watchdog, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return new ServerSentEventReader(new StreamReader(body, Encoding.UTF8), watchdog, _options.StreamIdleTimeout);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new MeshyApiException(MeshyErrorKind.Network, $"Meshy's stream broke: {e.Message}", innerException: e);
        }
    }

    /// <summary>The next event, with a silent or broken connection turned into a typed error.</summary>
    async Task<ServerSentEvent?> NextEventAsync(ServerSentEventReader events, CancellationToken cancellationToken)
    {
        try
        {
            return await events.ReadAsync();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException e)
        {
            throw new MeshyApiException(MeshyErrorKind.Timeout, $"Meshy's stream sent nothing for {_options.StreamIdleTimeout}.", innerException: e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new MeshyApiException(MeshyErrorKind.Network, $"Meshy's stream broke: {e.Message}", innerException: e);
        }
    }
}
