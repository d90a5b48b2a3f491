using Meshy3D.Emulators.Meshy.Apis;
using Meshy3D.Emulators.Meshy.Assets;
using Meshy3D.Emulators.Meshy.Configuration;
using Meshy3D.Emulators.Meshy.Model;

namespace Meshy3D.Emulators.Meshy.Extensions;

public static class MeshyEmulatorServiceExtensions
{
    /// <summary>Options (validated at start), the task board and its ticker, faults, signing and the request log.</summary>
    public static IHostApplicationBuilder AddMeshyEmulator(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MeshyOptions>()
            .Bind(builder.Configuration.GetSection(MeshyOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.AcceptedKeys().Any(), "Meshy: accept at least one key (AcceptTestKey, ApiKey or ApiKeys)")
            .ValidateOnStart();
        services.AddOptions<EmulatorOptions>()
            .Bind(builder.Configuration.GetSection(EmulatorOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<EmulatorSettings>();
        services.AddSingleton<FaultSwitches>();
        services.AddSingleton<RequestJournal>();
        services.AddSingleton<RequestRateGate>();
        services.AddSingleton<TaskBoard>();
        services.AddSingleton<AssetUrlSigner>();
        services.AddSingleton<TaskPresenter>();
        services.AddSingleton<PublicApiGate>();
        services.AddHostedService<TaskTimeline>();
        services.ConfigureHttpJsonOptions(o => MeshyJson.Configure(o.SerializerOptions));
        return builder;
    }
}
