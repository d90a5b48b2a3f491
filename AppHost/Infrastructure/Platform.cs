using Microsoft.Extensions.Configuration;
namespace Meshy3D.AppHost.Infrastructure;

/// <summary>
/// The shared infrastructure every service reaches through connection strings: one PostgreSQL database
/// per service, RabbitMQ (<c>rabbitmq</c>) and Blob Storage (<c>blobs</c>). Services cannot tell whether
/// these are containers, local processes or Azure resources.
/// </summary>
public sealed class Platform
{
    public const string RabbitMqName = "rabbitmq";
    public const string BlobsName = "blobs";
    public static readonly string[] DatabaseNames = ["promptdb", "generationdb", "storagedb", "scoringdb", "identitydb"];

    public required IResourceBuilder<IResourceWithConnectionString> RabbitMq { get; init; }
    public required IResourceBuilder<IResourceWithConnectionString> Blobs { get; init; }
    public required IReadOnlyDictionary<string, IResourceBuilder<IResourceWithConnectionString>> Databases { get; init; }

    /// <summary>What a service must wait for before it starts: the servers themselves, not just their connection strings.</summary>
    public required IReadOnlyList<IResourceBuilder<IResource>> Servers { get; init; }
}

public enum PlatformMode { Auto, Containers, Processes }

public static class PlatformExtensions
{
    /// <summary>
    /// Publish mode (Azure Container Apps) takes connection strings as deployment parameters; run mode uses
    /// containers when <c>docker info</c> answers and local processes otherwise (<c>Platform:Mode</c> overrides).
    /// Under Aspire.Hosting.Testing a container resource without a runtime fails the whole start, so no
    /// container is declared unless the runtime answers.
    /// </summary>
    public static Platform AddPlatform(this IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode) return AddConnectionStrings(builder);

        var mode = builder.Configuration.GetValue("Platform:Mode", PlatformMode.Auto);
        if (mode == PlatformMode.Auto) mode = ContainerRuntime.Answers() ? PlatformMode.Containers : PlatformMode.Processes;
        return mode == PlatformMode.Containers ? ContainerPlatform.Add(builder) : LocalProcessPlatform.Add(builder);
    }

    public static IResourceBuilder<ProjectResource> WithPlatform(this IResourceBuilder<ProjectResource> project, Platform platform,
        string? database = null, bool blobs = false)
    {
        project.WithReference(platform.RabbitMq);
        if (database is not null) project.WithReference(platform.Databases[database]);
        if (blobs) project.WithReference(platform.Blobs);
        foreach (var server in platform.Servers) project.WaitFor(server);
        return project.WithHttpEndpoint().WithHttpHealthCheck("/health");
    }

    static Platform AddConnectionStrings(IDistributedApplicationBuilder builder) => new()
    {
        RabbitMq = builder.AddConnectionString(Platform.RabbitMqName),
        Blobs = builder.AddConnectionString(Platform.BlobsName),
        Databases = Platform.DatabaseNames.ToDictionary(n => n, n => builder.AddConnectionString(n)),
        Servers = [],
    };
}

static class ContainerRuntime
{
    /// <summary>`docker info` fails in milliseconds when no daemon answers (only the client is installed here).</summary>
    public static bool Answers()
    {
        try
        {
            using var docker = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("docker", "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (docker is null) return false;
            if (!docker.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                docker.Kill(entireProcessTree: true);
                return false;
            }
            return docker.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no docker client at all
        }
    }
}
