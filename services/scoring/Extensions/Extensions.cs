using Meshy3D.Scoring.Infrastructure;
using Meshy3D.Scoring.IntegrationEvents;
using Meshy3D.Scoring.Model;

namespace Meshy3D.Scoring.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddCallerAuthentication();
        builder.AddBlobServiceClient("blobs");
        builder.AddServiceDatabase<ScoringDbContext>("scoringdb");
        builder.AddMessaging("scoring", bus => bus.AddConsumer<ModelStoredConsumer>());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SkeletonScorer>();
    }
}
