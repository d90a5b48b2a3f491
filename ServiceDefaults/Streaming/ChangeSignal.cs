namespace Meshy3D.ServiceDefaults.Streaming;

/// <summary>
/// Wakes every waiter of a shared stream at once (a job's watchers in generation, a relay's browsers in the gateway).
/// A waiter takes <see cref="Next"/> before it looks at the state: a change after the look completes that very task.
/// The writer changes the state first, then calls <see cref="Raise"/>.
/// </summary>
public sealed class ChangeSignal
{
    TaskCompletionSource _next = New();

    /// <summary>Completes on the next <see cref="Raise"/>.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Raise() => Interlocked.Exchange(ref _next, New()).SetResult();

    // Waiters' continuations run on the thread pool, never inline on the writer's thread.
    static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
