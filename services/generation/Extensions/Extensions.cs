using System.Text.Json.Serialization;
using MassTransit;
using Meshy3D.Generation.Infrastructure;
using Meshy3D.Generation.Infrastructure.Meshy;
using Meshy3D.Generation.IntegrationEvents;
using Meshy3D.Generation.Jobs;

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
            // Every instance needs every timeline event for its own watchers: a temporary queue per instance.
            bus.AddConsumer<JobTimelineFanOut>().Endpoint(e =>
            {
                e.InstanceId = Guid.NewGuid().ToString("N")[..8];
                e.Temporary = true;
                // In the order they were published: a watcher that sees an event overtake another must fetch the gap from the database.
                e.ConcurrentMessageLimit = 1;
            });
        });

        builder.Services.AddOptions<GenerationRunnerOptions>()
            .BindConfiguration(GenerationRunnerOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddTransient<MeshyRequestBudget>();
        builder.AddMeshyClient().AddHttpMessageHandler<MeshyRequestBudget>();
        builder.Services.AddSingleton<JobEventHub>();
        builder.Services.AddHostedService<JobStreamHeartbeat>();
        builder.Services.AddSingleton<JobStore>();
        builder.Services.AddSingleton<JobFollower>();
        builder.Services.AddHostedService<GenerationScheduler>();
        builder.Services.AddHostedService<JobRunner>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddSingleton(TimeProvider.System);
    }
}
