using Meshy3D.Emulators.OpenAI.Faults;
using Meshy3D.Emulators.OpenAI.Prompting;
using Meshy3D.Emulators.OpenAI.Recording;
using Microsoft.Extensions.Options;

namespace Meshy3D.Emulators.OpenAI.Extensions;

public static class EmulatorServiceExtensions
{
    public static IHostApplicationBuilder AddOpenAIEmulator(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OpenAIEmulatorOptions>()
            .BindConfiguration(OpenAIEmulatorOptions.SectionName)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OpenAIEmulatorOptions>, OpenAIEmulatorOptionsValidator>();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<FaultSchedule>();
        builder.Services.AddSingleton<RequestLog>();
        builder.Services.AddSingleton<CompletionWriter>();
        builder.Services.AddHealthChecks();
        builder.Services.AddProblemDetails();

        return builder;
    }
}
