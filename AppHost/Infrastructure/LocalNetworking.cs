using Microsoft.Extensions.DependencyInjection;

namespace Meshy3D.AppHost.Infrastructure;

/// <summary>
/// How the local run wires endpoints and telemetry. DCP puts a TCP proxy in front of every endpoint by default;
/// an SSE stream then crosses two more processes (browser → proxy → gateway → proxy → generation), each copying
/// every frame, which on a small machine costs more than the services themselves. Publishing ignores all of this.
/// </summary>
public static class LocalNetworking
{
    /// <summary>
    /// The gateway binds its public port itself: GatewayPort (8080 when unset), or "auto" for one DCP picks
    /// (tests and benchmarks, which must not collide with a running AppHost). No proxy holds early connections
    /// until it listens, so it counts as healthy only once it answers there.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPublicEndpoint(this IResourceBuilder<ProjectResource> gateway, string? gatewayPort) =>
        gateway.WithHttpEndpoint(port: gatewayPort == "auto" ? null : int.Parse(gatewayPort ?? "8080"), name: "public", isProxied: false)
            .WithHttpHealthCheck("/health", endpointName: "public");

    /// <summary>The service's endpoint without DCP's proxy; only a single instance can do without one.</summary>
    public static IResourceBuilder<ProjectResource> WithDirectEndpointWhen(this IResourceBuilder<ProjectResource> service, bool direct) =>
        direct ? service.WithEndpoint("http", endpoint => endpoint.IsProxied = false) : service;

    /// <summary>
    /// Without a dashboard (tests, benchmarks) nothing receives telemetry, yet every service would record it and
    /// fail to export it each second: a third of the idle platform's CPU. Turn the SDK off there.
    /// </summary>
    public static void WithTelemetryOnlyForADashboard(this IDistributedApplicationBuilder builder)
    {
        foreach (var project in builder.Resources.OfType<ProjectResource>())
            project.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
            {
                if (context.ExecutionContext.Services.GetRequiredService<DistributedApplicationOptions>().DisableDashboard)
                    context.EnvironmentVariables["OTEL_SDK_DISABLED"] = "true";
            }));
    }
}
