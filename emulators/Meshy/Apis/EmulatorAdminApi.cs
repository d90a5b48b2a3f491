using Meshy3D.Emulators.Meshy.Model;

namespace Meshy3D.Emulators.Meshy.Apis;

/// <summary>Admin JSON of <c>GET /_emulator/tasks</c>: the task plus what Meshy would not show.</summary>
public sealed record AdminTaskView(string Account, int TriangleCount, TaskResponse Task);

/// <summary>
/// Test controls under <c>/_emulator</c>, outside Meshy's paths (a gateway routing only /openapi
/// never exposes them): faults, run-time settings, the request log, task cancel and reset.
/// </summary>
public static class EmulatorAdminApi
{
    public static IEndpointRouteBuilder MapEmulatorAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/_emulator");

        admin.MapGet("/requests", (RequestJournal journal) => Results.Json(journal.View(), MeshyJson.Options));
        admin.MapDelete("/requests", (RequestJournal journal) =>
        {
            journal.Clear();
            return Results.NoContent();
        });

        admin.MapGet("/faults", (FaultSwitches faults) => Results.Json(faults.View(), MeshyJson.Options));
        admin.MapPost("/faults", async (HttpRequest request, FaultSwitches faults) =>
        {
            var change = await ReadAsync<FaultsView>(request);
            if (change is null) return MeshyJson.Error(400, "Invalid faults JSON");
            faults.Merge(change);
            return Results.Json(faults.View(), MeshyJson.Options);
        });
        admin.MapDelete("/faults", (FaultSwitches faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });

        admin.MapGet("/settings", (EmulatorSettings settings) => Results.Json(settings.View(), MeshyJson.Options));
        admin.MapPost("/settings", async (HttpRequest request, EmulatorSettings settings) =>
        {
            var change = await ReadAsync<SettingsView>(request);
            if (change is null) return MeshyJson.Error(400, "Invalid settings JSON");
            return settings.Apply(change) is { } problem
                ? MeshyJson.Error(400, problem)
                : Results.Json(settings.View(), MeshyJson.Options);
        });

        admin.MapGet("/tasks", (HttpRequest request, TaskBoard board, TaskPresenter presenter) =>
        {
            var baseUrl = presenter.BaseUrl(request);
            return Results.Json(board.All().Select(t => new AdminTaskView(t.Account, t.Assets?.TriangleCount ?? 0, presenter.Present(t, baseUrl))), MeshyJson.Options);
        });
        admin.MapPost("/tasks/{id}/cancel", (string id, TaskBoard board) =>
            board.Cancel(id) ? Results.Ok() : MeshyJson.Error(404, "Task not found or already finished"));

        admin.MapPost("/reset", (TaskBoard board, FaultSwitches faults, EmulatorSettings settings, RequestJournal journal, RequestRateGate rateGate) =>
        {
            board.Clear();
            faults.Clear();
            settings.Reset();
            journal.Clear();
            rateGate.Clear();
            return Results.NoContent();
        });
        return app;
    }

    private static async Task<T?> ReadAsync<T>(HttpRequest request) where T : class
    {
        try
        {
            return await System.Text.Json.JsonSerializer.DeserializeAsync<T>(request.Body, MeshyJson.Options, request.HttpContext.RequestAborted);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
