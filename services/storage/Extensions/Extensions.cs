using Meshy3D.Storage.Infrastructure;
using Meshy3D.Storage.IntegrationEvents;
using Meshy3D.Storage.Model;

namespace Meshy3D.Storage.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddCallerAuthentication();
        builder.AddBlobServiceClient("blobs");
        builder.AddServiceDatabase<StorageDbContext>("storagedb");
        builder.AddMessaging("storage", bus =>
        {
            bus.AddConsumer<GenerationSucceededConsumer>();
            bus.AddConsumer<ModelScoredConsumer>();
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AssetIngestor>();
    }
}
