using System.Text;

namespace Meshy3D.Emulators.Meshy.Tests;

public sealed record SseEvent(string Event, string Data, int DataLines);

/// <summary>A spec-following SSE reader: joins multi-line data, dispatches on blank lines.</summary>
public static class SseReader
{
    public static async Task<List<SseEvent>> ReadAllAsync(HttpClient client, string path, TimeSpan timeout)
    {
        var (events, broken) = await ReadAsync(client, path, timeout);
        Assert.False(broken, $"the stream {path} broke after {events.Count} events");
        return events;
    }

    /// <summary>Reads to the end of the stream; <c>Broken</c> when the connection failed instead of ending.</summary>
    public static async Task<(List<SseEvent> Events, bool Broken)> ReadAsync(HttpClient client, string path, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var events = new List<SseEvent>();
        string name = "message";
        var data = new List<string>();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.ParseAdd("text/event-stream");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token), Encoding.UTF8);
            while (await reader.ReadLineAsync(cts.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data.Count > 0) events.Add(new SseEvent(name, string.Join("\n", data), data.Count));
                    name = "message";
                    data.Clear();
                }
                else if (line.StartsWith("event:", StringComparison.Ordinal)) name = line[6..].Trim();
                else if (line.StartsWith("data:", StringComparison.Ordinal)) data.Add(line[5..].TrimStart());
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The stream {path} did not end within {timeout}; {events.Count} events so far");
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            // A dropped connection; on a reset the client may lose data it had not read yet.
            return (events, true);
        }
        return (events, false);
    }
}
