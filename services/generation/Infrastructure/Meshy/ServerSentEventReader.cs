using System.Text;

namespace Meshy3D.Generation.Infrastructure.Meshy;

internal sealed record ServerSentEvent(string Event, string Data);

/// <summary>
/// Reads events per the SSE spec (html.spec.whatwg.org, "event stream interpretation"): data lines are
/// joined with '\n', comments and id/retry are ignored, a blank line dispatches. Each line read re-arms the
/// watchdog, so a connection that goes quiet for longer than the idle timeout is cancelled.
/// </summary>
internal sealed class ServerSentEventReader(TextReader reader, CancellationTokenSource watchdog, TimeSpan idleTimeout)
{
    /// <summary>The next event, or null at the end of the stream (a half-received event is dropped, as the spec says).</summary>
    public async Task<ServerSentEvent?> ReadAsync()
    {
        var name = "";
        var data = new StringBuilder();
        var hasData = false;
        while (true)
        {
            watchdog.CancelAfter(idleTimeout);
            var line = await reader.ReadLineAsync(watchdog.Token);
            if (line is null) return null;

            if (line.Length == 0)
            {
                if (hasData) return new ServerSentEvent(name.Length == 0 ? "message" : name, data.ToString());
                name = "";
                continue;
            }
            if (line[0] == ':') continue;

            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' ')) value = value[1..];

            switch (field)
            {
                case "event":
                    name = value;
                    break;
                case "data":
                    if (hasData) data.Append('\n');
                    data.Append(value);
                    hasData = true;
                    break;
            }
        }
    }
}
