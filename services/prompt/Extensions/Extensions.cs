using Meshy3D.Prompt.Infrastructure;
using Meshy3D.Prompt.IntegrationEvents;
using Meshy3D.Prompt.Model;

namespace Meshy3D.Prompt.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddCallerAuthentication();
        builder.AddServiceDatabase<PromptDbContext>("promptdb");
        builder.AddMessaging("prompt", bus => bus.AddConsumer<GenerationRequestedConsumer>());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IPromptEnhancer, TemplatePromptEnhancer>();
        builder.Services.AddScoped<PromptEnhancementService>();
    }
}
