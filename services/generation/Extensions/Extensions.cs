using System.Text.Json.Serialization;
using Meshy3D.Generation.Infrastructure;
using Meshy3D.Generation.IntegrationEvents;

namespace Meshy3D.Generation.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddCallerAuthentication();
        builder.AddServiceDatabase<GenerationDbContext>("generationdb");
        builder.AddMessaging("generation", bus =>
        {
            bus.AddConsumer<PromptEnhancedConsumer>();
            bus.AddConsumer<PromptEnhancementFailedConsumer>();
            bus.AddConsumer<ModelStoredConsumer>();
            bus.AddConsumer<ModelStoreFailedConsumer>();
            bus.AddConsumer<ModelScoredConsumer>();
            bus.AddConsumer<ModelScoringFailedConsumer>();
        });
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddSingleton(TimeProvider.System);
    }
}
