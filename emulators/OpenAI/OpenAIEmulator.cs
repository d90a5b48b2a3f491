using Meshy3D.Emulators.OpenAI.Extensions;

namespace Meshy3D.Emulators.OpenAI;

/// <summary>
/// Entry point shared by Program and tests: tests call <see cref="CreateApp"/> with
/// "--urls http://127.0.0.1:0" and start it on real Kestrel.
/// </summary>
public static class OpenAIEmulator
{
    public static WebApplication CreateApp(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(OpenAIEmulator).Assembly.GetName().Name,
        });
        builder.AddOpenAIEmulator();

        var app = builder.Build();
        app.MapOpenAIEmulator();
        return app;
    }
}
