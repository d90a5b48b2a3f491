namespace Meshy3D.Emulators.Meshy.Model;

/// <summary>Moves tasks along even when nobody polls, so a stream or a webhook-less client sees progress.</summary>
public sealed class TaskTimeline(TaskBoard board) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (await timer.WaitForNextTickAsync(stoppingToken))
            board.Advance();
    }
}
