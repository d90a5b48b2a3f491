namespace Meshy3D.Emulators.Meshy.Model;

public sealed record JournalEntry(long At, string Method, string Path, string Operation, string? Key, int Status);

/// <summary>Admin JSON of <c>GET /_emulator/requests</c>.</summary>
public sealed record JournalView(
    int Total,
    IReadOnlyDictionary<string, int> ByOperation,
    IReadOnlyDictionary<string, int> ByKey,
    IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyDictionary<string, int> TasksCreated,
    int AssetDownloads,
    IReadOnlyList<JournalEntry> Recent);

/// <summary>Counts every Meshy API call so other tests can assert how much of Meshy they used.</summary>
public sealed class RequestJournal
{
    private const int RecentLimit = 500;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _byOperation = [];
    private readonly Dictionary<string, int> _byKey = [];
    private readonly Dictionary<string, int> _byStatus = [];
    private readonly Dictionary<string, int> _tasksCreated = [];
    private readonly Queue<JournalEntry> _recent = new();
    private int _total;
    private int _assetDownloads;

    public void Record(string method, string path, string operation, string? key, int status)
    {
        lock (_gate)
        {
            _total++;
            Increment(_byOperation, operation);
            Increment(_byKey, key ?? "(none)");
            Increment(_byStatus, status.ToString());
            _recent.Enqueue(new JournalEntry(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), method, path, operation, key, status));
            while (_recent.Count > RecentLimit) _recent.Dequeue();
        }
    }

    public void TaskCreated(MeshyTaskKind kind)
    {
        lock (_gate)
        {
            Increment(_tasksCreated, kind == MeshyTaskKind.Preview ? "preview" : "refine");
            Increment(_tasksCreated, "total");
        }
    }

    public void AssetDownloaded() { lock (_gate) _assetDownloads++; }

    public JournalView View()
    {
        lock (_gate)
            return new JournalView(_total, new Dictionary<string, int>(_byOperation), new Dictionary<string, int>(_byKey),
                new Dictionary<string, int>(_byStatus), new Dictionary<string, int>
                {
                    ["preview"] = _tasksCreated.GetValueOrDefault("preview"),
                    ["refine"] = _tasksCreated.GetValueOrDefault("refine"),
                    ["total"] = _tasksCreated.GetValueOrDefault("total"),
                },
                _assetDownloads, _recent.ToList());
    }

    public void Clear()
    {
        lock (_gate)
        {
            _total = 0;
            _assetDownloads = 0;
            _byOperation.Clear();
            _byKey.Clear();
            _byStatus.Clear();
            _tasksCreated.Clear();
            _recent.Clear();
        }
    }

    private static void Increment(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
