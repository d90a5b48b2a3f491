using System.Buffers;
using System.Text;
using Meshy3D.ServiceDefaults.Streaming;

namespace Meshy3D.ServiceDefaults.Tests;

/// <summary>How the gateway's relay reads the generation service's job stream, frame by frame.</summary>
public sealed class SseFrameTests
{
    const string Stream =
        "retry: 2000\n\n" +
        "id: 1\nevent: progress\ndata: {\"sequence\":1}\n\n" +
        ": live\n\n" +
        "event: queue\ndata: {\"position\":2,\"waiting\":3}\n\n" +
        ": heartbeat\n\n" +
        "id: 12\nevent: progress\ndata: {\"sequence\":12}\n\n";

    [Fact]
    public void Each_frame_is_told_apart_and_kept_byte_for_byte()
    {
        var frames = ReadAll(Split(Stream, 7), out var rest);

        Assert.Equal(0, rest.Length);
        Assert.Equal([SseFrameKind.Retry, SseFrameKind.History, SseFrameKind.Comment, SseFrameKind.State, SseFrameKind.Comment, SseFrameKind.History],
            frames.Select(f => f.Kind));
        Assert.Equal(2000, frames[0].RetryMs);
        Assert.Equal([1, 12], frames.Where(f => f.Kind == SseFrameKind.History).Select(f => f.Id));
        Assert.Equal(["live", "heartbeat"], frames.Where(f => f.Kind == SseFrameKind.Comment).Select(f => f.Comment));
        // The bytes a browser gets are exactly the upstream's.
        Assert.Equal(Stream, string.Concat(frames.Select(f => Encoding.UTF8.GetString(f.Bytes))));
    }

    [Fact]
    public void A_frame_not_yet_ended_by_its_blank_line_waits_for_the_rest()
    {
        var frames = ReadAll(Split("id: 3\nevent: progress\ndata: {}\n\nid: 4\nevent: progress\ndata: {\"seq", 5), out var rest);

        Assert.Equal([3], frames.Select(f => f.Id));
        Assert.Equal("id: 4\nevent: progress\ndata: {\"seq", Encoding.UTF8.GetString(rest.ToArray()));
    }

    static List<SseFrame> ReadAll(ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> rest)
    {
        var frames = new List<SseFrame>();
        while (SseFrame.TryRead(ref buffer, out var frame)) frames.Add(frame);
        rest = buffer;
        return frames;
    }

    /// <summary>The text as a sequence of small segments, as a socket delivers it: frames and delimiters cross segments.</summary>
    static ReadOnlySequence<byte> Split(string text, int size)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Segment? first = null, last = null;
        for (var i = 0; i < bytes.Length; i += size)
        {
            var segment = new Segment(bytes.AsMemory(i, Math.Min(size, bytes.Length - i)), last);
            first ??= segment;
            last = segment;
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, Segment? previous)
        {
            Memory = memory;
            if (previous is null) return;
            RunningIndex = previous.RunningIndex + previous.Memory.Length;
            previous.Next = this;
        }
    }
}
