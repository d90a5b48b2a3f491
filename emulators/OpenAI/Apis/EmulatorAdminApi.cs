using Meshy3D.Emulators.OpenAI.Faults;
using Meshy3D.Emulators.OpenAI.Recording;

namespace Meshy3D.Emulators.OpenAI.Apis;

/// <summary>Body of POST /_emulator/faults.</summary>
public sealed record FaultRequest(string? Kind, int? Count, int? RetryAfterSeconds, int? DelayMs, int? StatusCode);

public sealed record FaultList(IReadOnlyList<FaultSnapshot> Faults);

public sealed record RequestLogView(long Count, IReadOnlyList<RecordedRequest> Requests);

/// <summary>
/// Test-only controls under /_emulator, a prefix OpenAI never uses, so an SDK pointed at the emulator
/// can never reach them by accident.
/// </summary>
public static class EmulatorAdminApi
{
    public static IEndpointRouteBuilder MapEmulatorAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/_emulator").WithTags("Emulator");
        admin.MapPost("/faults", ArmFault);
        admin.MapGet("/faults", ListFaults);
        admin.MapDelete("/faults", ClearFaults);
        admin.MapGet("/requests", ListRequests);
        admin.MapDelete("/requests", ClearRequests);
        admin.MapPost("/reset", Reset);
        return app;
    }

    public static IResult ArmFault(FaultRequest request, FaultSchedule faults)
    {
        var errors = new Dictionary<string, string[]>();
        if (!FaultKinds.TryParse(request.Kind, out var kind))
            errors["kind"] = [$"Unknown fault kind '{request.Kind}'. Known: {string.Join(", ", FaultKinds.WireNames)}."];
        if (request.Count is < 1 or > 10_000)
            errors["count"] = ["count must be between 1 and 10000."];
        if (request.RetryAfterSeconds is < 0 or > 3600)
            errors["retryAfterSeconds"] = ["retryAfterSeconds must be between 0 and 3600."];
        if (request.DelayMs is < 1 or > 600_000)
            errors["delayMs"] = ["delayMs must be between 1 and 600000."];
        if (request.StatusCode is < 500 or > 599)
            errors["statusCode"] = ["statusCode must be a 5xx code."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        faults.Arm(kind, request.Count ?? 1, request.RetryAfterSeconds, request.DelayMs, request.StatusCode);
        return TypedResults.Created("/_emulator/faults", new FaultList(faults.Snapshot()));
    }

    public static FaultList ListFaults(FaultSchedule faults) => new(faults.Snapshot());

    public static IResult ClearFaults(FaultSchedule faults)
    {
        faults.Clear();
        return TypedResults.NoContent();
    }

    public static RequestLogView ListRequests(RequestLog log, int? limit)
    {
        var (total, recent) = log.Snapshot(limit);
        return new RequestLogView(total, recent);
    }

    public static IResult ClearRequests(RequestLog log)
    {
        log.Clear();
        return TypedResults.NoContent();
    }

    public static IResult Reset(FaultSchedule faults, RequestLog log)
    {
        faults.Clear();
        log.Clear();
        return TypedResults.NoContent();
    }
}
