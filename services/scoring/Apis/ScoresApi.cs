using System.Security.Claims;
using Meshy3D.Scoring.Infrastructure;
using Meshy3D.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Meshy3D.Scoring.Apis;

public static class ScoresApi
{
    public static RouteGroupBuilder MapScoresApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/scores").RequireAuthorization();
        api.MapGet("/{modelId:guid}", GetScore);
        return api;
    }

    public static async Task<Results<Ok<ScoreView>, NotFound>> GetScore(Guid modelId, ClaimsPrincipal caller, ScoringDbContext db, CancellationToken cancellationToken)
    {
        var callerId = caller.CallerId();
        var score = await db.Scores.AsNoTracking().SingleOrDefaultAsync(s => s.ModelId == modelId && s.OwnerId == callerId, cancellationToken);
        return score is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new ScoreView(score.Id, score.ModelId, score.Distribution, score.Mean, score.StdDev, score.ModelVersion, score.CreatedAt));
    }
}

public sealed record ScoreView(Guid Id, Guid ModelId, IReadOnlyList<double> Distribution, double Mean, double StdDev, string ModelVersion, DateTimeOffset CreatedAt);
