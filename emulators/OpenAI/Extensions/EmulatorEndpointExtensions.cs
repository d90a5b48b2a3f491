using Meshy3D.Emulators.OpenAI.Apis;

namespace Meshy3D.Emulators.OpenAI.Extensions;

public static class EmulatorEndpointExtensions
{
    public static WebApplication MapOpenAIEmulator(this WebApplication app)
    {
        // Unhandled errors answer in OpenAI's shape so clients parse them like real 500s.
        app.UseExceptionHandler(failed => failed.Run(context => OpenAIErrors.ServerError().ExecuteAsync(context)));

        app.MapHealthChecks("/health");
        app.MapChatCompletionsApi();
        app.MapModelsApi();

        // Read from configuration rather than IOptions so a bad section fails at start-up (ValidateOnStart), not here.
        if (app.Configuration.GetValue<bool?>($"{OpenAIEmulatorOptions.SectionName}:{nameof(OpenAIEmulatorOptions.EnableAdminApi)}") ?? true)
            app.MapEmulatorAdminApi();

        return app;
    }
}
