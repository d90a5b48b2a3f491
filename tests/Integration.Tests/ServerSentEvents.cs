using System.Net.Http.Headers;
using System.Text.Json;

namespace Meshy3D.Integration.Tests;

/// <summary>One event of a job's stream, as a browser's EventSource would see it.</summary>
public sealed record SseEvent(string? Id, string Event, JsonElement Data);

/// <summary>Reads a text/event-stream the way the SSE spec says: fields per line, an event per blank line, comments kept apart.</summary>
public static class ServerSentEvents
{
    public static async IAsyncEnumerable<(SseEvent? Event, string? Comment)> ReadAsync(HttpClient client, string path, string? lastEventId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));

        string? id = null, name = null;
        var data = new List<string>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0) yield return (new SseEvent(id, name ?? "message", JsonDocument.Parse(string.Join('\n', data)).RootElement), null);
                (id, name) = (null, null);
                data.Clear();
            }
            else if (line.StartsWith(':')) yield return (null, line[1..].Trim());
            else if (line.StartsWith("id:")) id = line[3..].Trim();
            else if (line.StartsWith("event:")) name = line[6..].Trim();
            else if (line.StartsWith("data:")) data.Add(line[5..].TrimStart());
        }
    }

    /// <summary>
    /// All events until the job's last one (then it closes the stream, as the site's page closes its EventSource), or until
    /// the stream ends or the timeout passes.
    /// </summary>
    public static async Task<List<SseEvent>> ReadAllAsync(HttpClient client, string path, string? lastEventId = null, int timeoutSeconds = 90)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        var events = new List<SseEvent>();
        await foreach (var (evt, _) in ReadAsync(client, path, lastEventId, timeout.Token))
        {
            if (evt is null) continue;
            events.Add(evt);
            if (evt.IsTerminal()) break;
        }
        return events;
    }

    public static bool IsTerminal(this SseEvent evt) =>
        evt.Event == "progress" && evt.Data.GetProperty("isTerminal").GetBoolean();

    /// <summary>The job's timeline events (ids 1, 2, …), without the "queue" place updates between them.</summary>
    public static List<SseEvent> Timeline(this IEnumerable<SseEvent> events) => [.. events.Where(e => e.Event == "progress")];
}
