using Microsoft.Extensions.Configuration;

namespace Meshy3D.AppHost.Infrastructure;

/// <summary>
/// Meshy and OpenAI are the only paid parts. With a key configured (the secret parameters
/// <c>meshy-api-key</c> / <c>openai-api-key</c>, e.g. <c>dotnet user-secrets set Parameters:meshy-api-key …</c>)
/// the services talk to the real APIs; without one the AppHost starts our emulators, which speak the same
/// wire contract, and points the services at them. The services' code path is the same either way.
/// </summary>
public static class PaidApis
{
    public const string MeshyKeyParameter = "meshy-api-key";
    public const string OpenAIKeyParameter = "openai-api-key";

    // Meshy's public test key: accepted by the emulator, costs nothing anywhere.
    const string MeshyTestKey = "msy_dummy_api_key_for_test_mode_12345678";
    const string OpenAIEmulatorKey = "sk-emulator-local";

    public static IResourceBuilder<ProjectResource> WithMeshy(this IResourceBuilder<ProjectResource> service, IDistributedApplicationBuilder builder)
    {
        // The account's limits (Pro: 20 requests/s, 10 concurrent tasks); the emulator enforces the same ones.
        var requestsPerSecond = builder.Configuration["Meshy:RequestsPerSecond"] ?? "20";
        var maxConcurrentTasks = builder.Configuration["Meshy:MaxConcurrentTasks"] ?? "10";
        service.WithEnvironment("Meshy__RequestsPerSecond", requestsPerSecond).WithEnvironment("Meshy__MaxConcurrentTasks", maxConcurrentTasks);

        if (HasKey(builder, MeshyKeyParameter))
        {
            return service
                .WithEnvironment("Meshy__BaseUrl", "https://api.meshy.ai")
                .WithEnvironment("Meshy__ApiKey", builder.AddParameter(MeshyKeyParameter, secret: true));
        }

        var emulator = builder.AddProject<Projects.Meshy3D_Emulators_Meshy>("meshy-emulator", launchProfileName: null)
            .WithHttpEndpoint()
            .WithHttpHealthCheck("/health")
            // A manual run looks like a real job (tens of seconds); tests pass a higher factor.
            .WithEnvironment("Emulator__SpeedFactor", builder.Configuration["Emulators:MeshySpeedFactor"] ?? "1")
            .WithEnvironment("Meshy__RequestsPerSecond", requestsPerSecond)
            .WithEnvironment("Meshy__MaxConcurrentTasks", maxConcurrentTasks)
            .ExcludeFromManifest();
        return service
            .WithEnvironment("Meshy__BaseUrl", emulator.GetEndpoint("http"))
            .WithEnvironment("Meshy__ApiKey", MeshyTestKey)
            .WithReference(emulator)
            .WaitFor(emulator);
    }

    public static IResourceBuilder<ProjectResource> WithOpenAI(this IResourceBuilder<ProjectResource> service, IDistributedApplicationBuilder builder)
    {
        if (builder.Configuration["OpenAI:Timeout"] is { } timeout) service.WithEnvironment("OpenAI__Timeout", timeout);
        if (HasKey(builder, OpenAIKeyParameter))
        {
            return service.WithEnvironment("OpenAI__ApiKey", builder.AddParameter(OpenAIKeyParameter, secret: true));
        }

        var emulator = builder.AddProject<Projects.Meshy3D_Emulators_OpenAI>("openai-emulator", launchProfileName: null)
            .WithHttpEndpoint()
            .WithHttpHealthCheck("/health")
            .ExcludeFromManifest();
        return service
            .WithEnvironment("OpenAI__Endpoint", ReferenceExpression.Create($"{emulator.GetEndpoint("http")}/v1"))
            .WithEnvironment("OpenAI__ApiKey", OpenAIEmulatorKey)
            .WithReference(emulator)
            .WaitFor(emulator);
    }

    /// <summary>Publish mode always takes the keys as deployment parameters; run mode only when one is set.</summary>
    static bool HasKey(IDistributedApplicationBuilder builder, string parameter) =>
        builder.ExecutionContext.IsPublishMode || !string.IsNullOrWhiteSpace(builder.Configuration[$"Parameters:{parameter}"]);
}
