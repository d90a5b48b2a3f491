using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Meshy3D.ServiceDefaults.Streaming;

/// <summary>What a frame of a job stream is to a relay (the gateway's), which decides from it who gets the frame.</summary>
public enum SseFrameKind
{
    /// <summary>A timeline event, with its sequence as its id: history, replayed after a browser's Last-Event-ID.</summary>
    History,

    /// <summary>An event without an id (a place in line): state, of which a newcomer needs only the latest.</summary>
    State,

    /// <summary>A comment (a heartbeat): for whoever is connected when it passes.</summary>
    Comment,

    /// <summary>The reconnection delay the stream asks of browsers.</summary>
    Retry,
}

/// <summary>One frame of the generation service's job stream, read by a relay and kept as the bytes that go to every browser.</summary>
public sealed record SseFrame(byte[] Bytes, SseFrameKind Kind, int Id = 0, string? Comment = null, int? RetryMs = null)
{
    static readonly byte[] EndOfFrame = "\n\n"u8.ToArray();

    /// <summary>Takes the next whole frame (up to and including its blank line) off the front of the buffer, if there is one.</summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out SseFrame? frame)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> body, EndOfFrame, advancePastDelimiter: true))
        {
            frame = null;
            return false;
        }
        frame = Parse(buffer.Slice(0, reader.Position).ToArray(), Encoding.UTF8.GetString(body));
        buffer = buffer.Slice(reader.Position);
        return true;
    }

    // The generation service writes "\n" line endings and one field per line (id, event, data, retry, or a comment).
    static SseFrame Parse(byte[] bytes, string text)
    {
        int? id = null, retry = null;
        string? comment = null;
        var fields = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(':')) comment ??= line[1..].Trim();
            else
            {
                fields++;
                if (line.StartsWith("id:") && int.TryParse(line[3..], out var sequence)) id = sequence;
                else if (line.StartsWith("retry:") && int.TryParse(line[6..], out var ms)) retry = ms;
            }
        }
        return fields switch
        {
            0 => new(bytes, SseFrameKind.Comment, Comment: comment),
            1 when retry is not null => new(bytes, SseFrameKind.Retry, RetryMs: retry),
            _ when id is not null => new(bytes, SseFrameKind.History, id.Value),
            _ => new(bytes, SseFrameKind.State),
        };
    }
}
