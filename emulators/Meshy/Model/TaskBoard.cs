using System.Diagnostics;
using Meshy3D.Emulators.Meshy.Configuration;
using Meshy3D.Emulators.Meshy.Modelling;
using Microsoft.Extensions.Options;

namespace Meshy3D.Emulators.Meshy.Model;

public enum CreateRejection { None, QueueFull, NotEnoughCredits }

/// <summary>
/// All tasks, in memory, and the time-driven state machine that moves them: PENDING while queued
/// (FIFO over a few worker slots) → IN_PROGRESS with progress = work done / duration → SUCCEEDED
/// once the files are generated, or FAILED / CANCELED. Work advances by real elapsed time × the
/// speed factor, on a ticker and before every read, so no database and no sleeps are needed.
/// </summary>
public sealed class TaskBoard(EmulatorSettings settings, FaultSwitches faults, IOptions<MeshyOptions> meshy, ILogger<TaskBoard> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, MeshyTask> _tasks = [];
    private readonly Dictionary<string, long> _spentCredits = [];
    private long _sequence;
    private long _lastIdMs;
    private int _idCounter;
    private long _lastAdvance = Stopwatch.GetTimestamp();

    private static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public (TaskSnapshot? Task, CreateRejection Rejection) Create(
        string account, MeshyTaskKind kind, TaskInput input, GenerationRequest generation, int credits, FailurePlan? failure)
    {
        lock (_gate)
        {
            AdvanceLocked();
            var active = _tasks.Values.Count(t => t.Account == account && !t.IsTerminal);
            if (active >= settings.MaxConcurrentTasks) return (null, CreateRejection.QueueFull);
            if (BalanceLocked(account) < credits) return (null, CreateRejection.NotEnoughCredits);

            var options = settings.Options;
            var task = new MeshyTask
            {
                Id = NextIdLocked().ToString(),
                Kind = kind,
                Account = account,
                Sequence = ++_sequence,
                Input = input,
                Generation = generation,
                DurationSeconds = kind == MeshyTaskKind.Preview ? options.PreviewSeconds : options.RefineSeconds,
                Credits = credits,
                Failure = failure ?? faults.TakeFailure(kind),
                Stall = faults.TakeStall(),
                CreatedAt = NowMs(),
            };
            _tasks[task.Id] = task;
            _spentCredits[account] = _spentCredits.GetValueOrDefault(account) + credits;
            return (SnapshotLocked(task), CreateRejection.None);
        }
    }

    /// <summary>
    /// UUIDv7 with RFC 9562's counter in rand_a (method 1), so ids made in the same millisecond still
    /// sort in creation order, as Meshy's do; Guid.CreateVersion7 alone is random within a millisecond.
    /// </summary>
    private Guid NextIdLocked()
    {
        var ms = NowMs();
        if (ms <= _lastIdMs)
        {
            ms = _lastIdMs;
            if (++_idCounter > 0xFFF) { ms++; _idCounter = 0; }
        }
        else _idCounter = 0;
        _lastIdMs = ms;

        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        for (var i = 0; i < 6; i++) bytes[i] = (byte)(ms >> (8 * (5 - i)));
        bytes[6] = (byte)(0x70 | (_idCounter >> 8));
        bytes[7] = (byte)_idCounter;
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    public TaskSnapshot? Get(string account, string id)
    {
        lock (_gate)
        {
            AdvanceLocked();
            return _tasks.TryGetValue(id, out var task) && task.Account == account ? SnapshotLocked(task) : null;
        }
    }

    /// <summary>Asset downloads are authorised by their signed URL, not by account.</summary>
    public TaskSnapshot? GetAny(string id)
    {
        lock (_gate)
        {
            AdvanceLocked();
            return _tasks.TryGetValue(id, out var task) ? SnapshotLocked(task) : null;
        }
    }

    public IReadOnlyList<TaskSnapshot> List(string account, int pageNum, int pageSize, bool ascending)
    {
        lock (_gate)
        {
            AdvanceLocked();
            var mine = _tasks.Values.Where(t => t.Account == account);
            var ordered = ascending ? mine.OrderBy(t => t.Sequence) : mine.OrderByDescending(t => t.Sequence);
            return ordered.Skip((pageNum - 1) * pageSize).Take(pageSize).Select(SnapshotLocked).ToList();
        }
    }

    public IReadOnlyList<TaskSnapshot> All()
    {
        lock (_gate)
        {
            AdvanceLocked();
            return _tasks.Values.OrderBy(t => t.Sequence).Select(SnapshotLocked).ToList();
        }
    }

    public bool Delete(string account, string id)
    {
        lock (_gate)
        {
            AdvanceLocked();
            if (!_tasks.TryGetValue(id, out var task) || task.Account != account) return false;
            // A task still queued is refunded; one already running has used the GPU.
            if (task.Status == MeshyTaskStatus.Pending) Refund(task);
            _tasks.Remove(id);
            return true;
        }
    }

    public bool Cancel(string id)
    {
        lock (_gate)
        {
            AdvanceLocked();
            if (!_tasks.TryGetValue(id, out var task) || task.IsTerminal) return false;
            task.Status = MeshyTaskStatus.Canceled;
            task.FinishedAt = NowMs();
            Refund(task);
            task.Version++;
            return true;
        }
    }

    public long Balance(string account)
    {
        lock (_gate) return BalanceLocked(account);
    }

    public void Clear()
    {
        lock (_gate)
        {
            _tasks.Clear();
            _spentCredits.Clear();
        }
    }

    public void Advance()
    {
        lock (_gate) AdvanceLocked();
    }

    private long BalanceLocked(string account) => meshy.Value.InitialCredits - _spentCredits.GetValueOrDefault(account);

    private void Refund(MeshyTask task)
    {
        if (task.Refunded) return;
        task.Refunded = true;
        _spentCredits[task.Account] = _spentCredits.GetValueOrDefault(task.Account) - task.Credits;
    }

    private void AdvanceLocked()
    {
        var now = Stopwatch.GetTimestamp();
        var elapsed = (now - _lastAdvance) / (double)Stopwatch.Frequency * settings.SpeedFactor;
        _lastAdvance = now;
        var options = settings.Options;

        var running = 0;
        foreach (var task in _tasks.Values)
        {
            if (task.Status != MeshyTaskStatus.InProgress) continue;
            Work(task, elapsed, now);
            if (task.Status == MeshyTaskStatus.InProgress) running++;
        }

        foreach (var task in _tasks.Values.Where(t => t.Status == MeshyTaskStatus.Pending).OrderBy(t => t.Sequence).ToList())
        {
            task.QueuedSeconds += elapsed;
            if (task.QueuedSeconds < options.QueueSeconds || running >= options.WorkerSlots) continue;
            Start(task);
            running++;
        }
    }

    private void Start(MeshyTask task)
    {
        task.Status = MeshyTaskStatus.InProgress;
        task.StartedAt = Math.Max(NowMs(), task.CreatedAt);
        task.Progress = 0;
        task.Version++;
        var generation = task.Generation;
        var id = task.Id;
        task.Assets = Task.Run(() =>
        {
            try
            {
                return ModelGenerator.Generate(generation);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Generating the files of task {TaskId} failed", id);
                throw;
            }
        });
    }

    private void Work(MeshyTask task, double elapsed, long now)
    {
        if (task.StalledUntilTicks > now) return;
        task.WorkedSeconds += elapsed;
        var progress = (int)Math.Clamp(Math.Floor(100 * task.WorkedSeconds / task.DurationSeconds), 0, 99);

        if (task.Stall is { } stall && !task.StallUsed && progress >= stall.AtProgress)
        {
            task.StallUsed = true;
            progress = stall.AtProgress;
            task.WorkedSeconds = task.DurationSeconds * stall.AtProgress / 100.0;
            task.StalledUntilTicks = now + (long)(stall.Duration.TotalSeconds * Stopwatch.Frequency);
        }

        if (task.Failure is { } failure && progress >= failure.AtProgress)
        {
            Finish(task, MeshyTaskStatus.Failed, failure.AtProgress, failure.Failure);
            return;
        }

        if (task.WorkedSeconds >= task.DurationSeconds && task.Assets is { IsCompleted: true } assets)
        {
            if (assets.IsCompletedSuccessfully) Finish(task, MeshyTaskStatus.Succeeded, 100, null);
            else Finish(task, MeshyTaskStatus.Failed, 99, new TaskFailure("server_error", "Model file generation failed", "format_conversion_failed"));
            return;
        }

        if (progress != task.Progress)
        {
            task.Progress = progress;
            task.Version++;
        }
    }

    private void Finish(MeshyTask task, MeshyTaskStatus status, int progress, TaskFailure? error)
    {
        task.Status = status;
        task.Progress = progress;
        task.FinishedAt = Math.Max(NowMs(), task.StartedAt);
        task.Error = error;
        if (status != MeshyTaskStatus.Succeeded) Refund(task); // Meshy refunds failed tasks
        task.Version++;
    }

    private TaskSnapshot SnapshotLocked(MeshyTask task)
    {
        var preceding = task.Status == MeshyTaskStatus.Pending
            ? _tasks.Values.Count(t => t.Status == MeshyTaskStatus.Pending && t.Sequence < task.Sequence)
            : 0;
        return new TaskSnapshot(task.Id, task.Kind, task.Account, task.Input, task.Status, task.Progress,
            task.CreatedAt, task.StartedAt, task.FinishedAt, preceding, task.Error,
            task.Refunded ? 0 : task.Credits,
            task.Status == MeshyTaskStatus.Succeeded ? task.Assets!.Result : null,
            task.Generation,
            task.Version);
    }
}
