using Meshy3D.Prompt.Infrastructure;
using Meshy3D.Prompt.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Meshy3D.Prompt.Apis;

public static class PromptsApi
{
    public const int MaxPromptLength = 2000;

    public static RouteGroupBuilder MapPromptsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/prompts").RequireAuthorization();
        api.MapPost("/enhance", Enhance);
        api.MapPost("/variants", WriteVariants);
        return api;
    }

    public static async Task<Results<Ok<EnhanceResponse>, ValidationProblem, ProblemHttpResult>> Enhance(
        EnhanceRequest request, PromptEnhancementService enhancements, PromptDbContext db, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors);
        try
        {
            var enhancement = await enhancements.EnhanceAsync(request.Prompt!.Trim(), request.LanguageOrDefault, jobId: null, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(new EnhanceResponse(enhancement.OriginalPrompt, enhancement.EnhancedPrompt, enhancement.Model,
                enhancement.LatencyMs, enhancement.Cached));
        }
        catch (PromptEnhancementException ex)
        {
            return ex.ToProblem();
        }
    }

    public static async Task<Results<Ok<VariantsResponse>, ValidationProblem, ProblemHttpResult>> WriteVariants(
        VariantsRequest request, PromptEnhancementService enhancements, PromptDbContext db, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors);
        try
        {
            var (record, variants) = await enhancements.WriteVariantsAsync(request.Prompt!.Trim(), request.LanguageOrDefault,
                request.N ?? VariantsRequest.DefaultCount, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(new VariantsResponse(record.OriginalPrompt, variants, record.Model, record.LatencyMs));
        }
        catch (PromptEnhancementException ex)
        {
            return ex.ToProblem();
        }
    }

    /// <summary>503 when trying later may help (rate limit, outage, timeout); 502 when the model's answers were unusable.</summary>
    static ProblemHttpResult ToProblem(this PromptEnhancementException ex) => ex.Failure == EnhancementFailure.Unavailable
        ? TypedResults.Problem(title: "The prompt model is unavailable.", detail: ex.Reason, statusCode: StatusCodes.Status503ServiceUnavailable)
        : TypedResults.Problem(title: "The prompt model gave no usable answer.", detail: ex.Reason, statusCode: StatusCodes.Status502BadGateway);
}

public sealed record EnhanceResponse(string Original, string Enhanced, string Model, int LatencyMs, bool Cached);

public sealed record VariantsResponse(string Original, IReadOnlyList<PromptVariant> Variants, string Model, int LatencyMs);
