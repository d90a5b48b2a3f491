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
        return api;
    }

    public static async Task<Results<Ok<EnhanceResponse>, ValidationProblem>> Enhance(
        EnhanceRequest request, PromptEnhancementService enhancements, PromptDbContext db, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors);

        var language = request.Language ?? "ko";
        var enhancement = await enhancements.EnhanceAsync(request.Prompt!.Trim(), language, jobId: null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new EnhanceResponse(enhancement.OriginalPrompt, enhancement.EnhancedPrompt, enhancement.Model, enhancement.LatencyMs));
    }
}

public sealed record EnhanceRequest(string? Prompt, string? Language = null)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Prompt)) errors["prompt"] = ["A prompt is required."];
        else if (Prompt.Length > PromptsApi.MaxPromptLength) errors["prompt"] = [$"The prompt must be at most {PromptsApi.MaxPromptLength} characters."];
        else if (Prompt.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) errors["prompt"] = ["The prompt contains control characters."];
        if (Language is not (null or "ko" or "en")) errors["language"] = ["language must be 'ko' or 'en'."];
        return errors;
    }
}

public sealed record EnhanceResponse(string Original, string Enhanced, string Model, int LatencyMs);
