using Microsoft.Extensions.Configuration;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;

namespace Meshy3D.AppHost.Infrastructure;

/// <summary>
/// The platform as local processes, for machines without a container runtime: Debian's PostgreSQL and
/// RabbitMQ and Azurite from npm, each on a free loopback port Aspire allocates, with their data under one
/// git-ignored folder (<c>Platform:DataRoot</c>, default <c>.data/</c>) that survives restarts.
/// <c>Platform:Wipe=true</c> deletes it first. DCP owns every process and stops it with the AppHost.
/// </summary>
static class LocalProcessPlatform
{
    public static Platform Add(IDistributedApplicationBuilder builder)
    {
        var repositoryRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        var dataRoot = Path.GetFullPath(builder.Configuration["Platform:DataRoot"] ?? Path.Combine(repositoryRoot, ".data"));
        if (builder.Configuration.GetValue("Platform:Wipe", false) && Directory.Exists(dataRoot)) Directory.Delete(dataRoot, recursive: true);
        Directory.CreateDirectory(dataRoot);
        // Test runs trade durability for speed; a developer's data folder keeps PostgreSQL's defaults.
        var fast = builder.Configuration.GetValue("Platform:FastDurability", false);

        var postgres = LocalPostgres.Add(builder, dataRoot, fast);
        var (epmd, rabbitMq) = LocalRabbitMq.Add(builder, dataRoot);
        var azurite = LocalAzurite.Add(builder, dataRoot, repositoryRoot);

        var databases = Platform.DatabaseNames.ToDictionary(
            name => name,
            name => (IResourceBuilder<IResourceWithConnectionString>)builder.AddConnectionString(name, ReferenceExpression.Create($"{postgres.Resource.ConnectionStringExpression};Database={name}")));

        return new Platform
        {
            RabbitMq = rabbitMq,
            Blobs = azurite,
            Databases = databases,
            Servers = [postgres, epmd, rabbitMq, azurite],
        };
    }

    /// <summary>A password made once per data folder and kept beside the data it protects.</summary>
    internal static string Secret(string dataRoot, string name)
    {
        var path = Path.Combine(dataRoot, $"{name}.secret");
        if (File.Exists(path)) return File.ReadAllText(path).Trim();
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(path, secret);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return secret;
    }

    /// <summary>A process counts as ready when its port accepts a connection, not merely when it runs.</summary>
    internal static IResourceBuilder<T> WithTcpHealthCheck<T>(this IResourceBuilder<T> resource, string endpointName)
        where T : IResourceWithEndpoints
    {
        var key = $"{resource.Resource.Name}-{endpointName}-tcp";
        // Look the endpoint up when checking: a reference taken before Build() never sees its allocation.
        resource.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(key, async cancellationToken =>
        {
            var endpoint = resource.Resource.GetEndpoint(endpointName);
            if (!endpoint.IsAllocated) return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("No port yet.");
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync("127.0.0.1", endpoint.Port, cancellationToken);
                return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy();
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy(ex.Message);
            }
        });
        return resource.WithHealthCheck(key);
    }
}

/// <summary>An executable whose connection string is built from its own allocated endpoint.</summary>
sealed class LocalServerResource(string name, string command, string workingDirectory, Func<LocalServerResource, ReferenceExpression> connectionString)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public EndpointReference Endpoint(string endpointName) => new(this, endpointName);

    public ReferenceExpression ConnectionStringExpression => connectionString(this);
}
