using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Meshy3D.Emulators.OpenAI.Recording;

/// <summary>One call to an OpenAI path as the emulator saw it; tests read these to check what a client sent.</summary>
public sealed class RecordedRequest
{
    public required long Sequence { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required string Method { get; init; }
    public required string Path { get; init; }

    /// <summary>The body as JSON when it parsed, else null (see <see cref="RawBody"/>).</summary>
    public JsonElement? Body { get; init; }
    public string? RawBody { get; init; }

    public int? StatusCode { get; set; }
    public string? Fault { get; set; }
}

/// <summary>A bounded, thread-safe log of recent requests plus a running total since the last reset.</summary>
public sealed class RequestLog(IOptions<OpenAIEmulatorOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Queue<RecordedRequest> _recent = new();
    private long _total;

    public RecordedRequest Record(string method, string path, string rawBody)
    {
        JsonElement? body = null;
        if (!string.IsNullOrWhiteSpace(rawBody))
        {
            try { body = JsonDocument.Parse(rawBody).RootElement.Clone(); }
            catch (JsonException) { /* kept as raw text: a bad body is exactly what a test may want to see */ }
        }

        lock (_gate)
        {
            var entry = new RecordedRequest
            {
                Sequence = ++_total,
                ReceivedAt = time.GetUtcNow(),
                Method = method,
                Path = path,
                Body = body,
                RawBody = body is null ? rawBody : null,
            };
            _recent.Enqueue(entry);
            while (_recent.Count > options.Value.RequestLogCapacity)
                _recent.Dequeue();
            return entry;
        }
    }

    public (long Total, IReadOnlyList<RecordedRequest> Recent) Snapshot(int? limit)
    {
        lock (_gate)
        {
            IEnumerable<RecordedRequest> recent = _recent;
            if (limit is > 0 && limit < _recent.Count)
                recent = recent.Skip(_recent.Count - limit.Value);
            return (_total, recent.ToArray());
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _recent.Clear();
            _total = 0;
        }
    }
}
