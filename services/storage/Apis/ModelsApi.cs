using System.Security.Claims;
using Meshy3D.ServiceDefaults.Identity;
using Meshy3D.Storage.Infrastructure;
using Meshy3D.Storage.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Meshy3D.Storage.Apis;

public static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/models").RequireAuthorization();
        api.MapGet("/{id:guid}", GetModel);
        api.MapGet("/", ListMyModels);
        return api;
    }

    public static RouteGroupBuilder MapGalleryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/gallery").RequireAuthorization();
        api.MapGet("/", ListGallery);
        return api;
    }

    public static async Task<Results<Ok<ModelView>, NotFound>> GetModel(Guid id, ClaimsPrincipal caller, StorageDbContext db, CancellationToken cancellationToken)
    {
        var model = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        // A private model of someone else answers 404: not even its existence is shared.
        return model is null || !model.IsReadableBy(caller.CallerId()) ? TypedResults.NotFound() : TypedResults.Ok(ModelView.From(model));
    }

    public static async Task<Results<Ok<ModelPage>, ValidationProblem>> ListMyModels(
        ClaimsPrincipal caller, StorageDbContext db, CancellationToken cancellationToken, int pageSize = 24, DateTimeOffset? before = null)
    {
        var callerId = caller.CallerId();
        return await PageAsync(db.Models.Where(m => m.OwnerId == callerId), pageSize, before, cancellationToken);
    }

    public static Task<Results<Ok<ModelPage>, ValidationProblem>> ListGallery(
        StorageDbContext db, CancellationToken cancellationToken, int pageSize = 24, DateTimeOffset? before = null) =>
        PageAsync(db.Models.Where(m => m.Visibility == Visibility.Public), pageSize, before, cancellationToken);

    static async Task<Results<Ok<ModelPage>, ValidationProblem>> PageAsync(
        IQueryable<CatalogueModel> query, int pageSize, DateTimeOffset? before, CancellationToken cancellationToken)
    {
        if (pageSize is < 1 or > 100)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["pageSize"] = ["pageSize must be between 1 and 100."] });
        if (before is { } cursor) query = query.Where(m => m.CreatedAt < cursor);
        var models = await query.AsNoTracking().OrderByDescending(m => m.CreatedAt).Take(pageSize + 1).ToListAsync(cancellationToken);
        var page = models.Take(pageSize).Select(ModelView.From).ToList();
        return TypedResults.Ok(new ModelPage(page, models.Count > pageSize ? page[^1].CreatedAt : null));
    }
}

public sealed record ModelPage(IReadOnlyList<ModelView> Items, DateTimeOffset? NextBefore);

public sealed record ModelView(
    Guid Id, Guid JobId, string Title, string Prompt, string? EnhancedPrompt, string Visibility, DateTimeOffset CreatedAt,
    IReadOnlyList<ModelFileView> Files, Guid? ScoreId, double? ScoreMean)
{
    public static ModelView From(CatalogueModel m) => new(
        m.Id, m.JobId, m.Title, m.Prompt, m.EnhancedPrompt, m.Visibility, m.CreatedAt,
        [.. m.Files.Select(f => new ModelFileView(f.Name, f.Kind, f.ContentType, f.Length, f.Sha256))], m.ScoreId, m.ScoreMean);
}

public sealed record ModelFileView(string Name, string Kind, string ContentType, long Length, string Sha256);
