using Meshy3D.Generation.Infrastructure.Meshy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meshy3D.Generation.Infrastructure;

/// <summary>A request sent to Meshy, kept for a few seconds to count the account's requests per second.</summary>
public sealed class MeshyRequestRecord
{
    public long Id { get; init; }
    public DateTimeOffset SentAt { get; init; }
}

/// <summary>
/// Holds every request to Meshy (each retry too: it sits inside the retry handler) until the account has
/// room under its requests-per-second limit, counted over all generation instances in PostgreSQL with a
/// sliding window. The window is a little longer than Meshy's second, so network jitter never tips us over.
/// </summary>
public sealed class MeshyRequestBudget(IServiceScopeFactory scopes, IOptions<MeshyOptions> meshy, TimeProvider clock) : DelegatingHandler
{
    const long BudgetLock = 0x4d65736879_02;
    static readonly TimeSpan Window = TimeSpan.FromMilliseconds(1200);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        while (!await TryTakeAsync(cancellationToken))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50 + Random.Shared.Next(50)), clock, cancellationToken);
        }
        return await base.SendAsync(request, cancellationToken);
    }

    async Task<bool> TryTakeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GenerationDbContext>();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({BudgetLock})", ct);
            var now = clock.GetUtcNow();
            var since = now - Window;
            await db.MeshyRequests.Where(r => r.SentAt < now - 10 * Window).ExecuteDeleteAsync(ct);
            var recent = await db.MeshyRequests.CountAsync(r => r.SentAt >= since, ct);
            if (recent >= meshy.Value.RequestsPerSecond) return false;
            db.MeshyRequests.Add(new MeshyRequestRecord { SentAt = now });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }, cancellationToken);
    }
}
