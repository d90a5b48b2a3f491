using Meshy3D.Prompt.Infrastructure;
using Meshy3D.Prompt.IntegrationEvents;
using Meshy3D.Prompt.Model;
using Microsoft.Extensions.Options;

namespace Meshy3D.Prompt.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddCallerAuthentication();
        builder.AddServiceDatabase<PromptDbContext>("promptdb");
        builder.AddMessaging("prompt", bus => bus.AddConsumer<GenerationRequestedConsumer>());
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddOptions<OpenAIOptions>()
            .BindConfiguration(OpenAIOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.Endpoint is null || o.Endpoint.IsAbsoluteUri, "OpenAI:Endpoint must be an absolute URL.")
            .ValidateOnStart();
        builder.Services.AddOptions<PromptCacheOptions>()
            .BindConfiguration(PromptCacheOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton(sp => OpenAIPromptEnhancer.CreateChatClient(sp.GetRequiredService<IOptions<OpenAIOptions>>().Value));
        builder.Services.AddSingleton<IPromptEnhancer, OpenAIPromptEnhancer>();
        builder.Services.AddScoped<PromptEnhancementService>();
    }
}
