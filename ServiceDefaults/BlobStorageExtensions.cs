using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Aspire's Blob client integration is not served here, so this is its equivalent: a singleton
/// <see cref="BlobServiceClient"/> from the connection string, a health check, and traces
/// (the Azure SDK's activity source is switched on in ConfigureOpenTelemetry).
/// </summary>
public static class BlobStorageExtensions
{
    public static IHostApplicationBuilder AddBlobServiceClient(this IHostApplicationBuilder builder, string connectionName = "blobs")
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is missing: the AppHost provides it (Azurite locally, a storage account in Azure).");

        builder.Services.AddSingleton(_ => new BlobServiceClient(connectionString, new BlobClientOptions
        {
            // Azurite would spend most of its time computing CRC-64 for blocks sent without MD5 (local-infra.md).
            TransferValidation = { Upload = { ChecksumAlgorithm = global::Azure.Storage.StorageChecksumAlgorithm.MD5 } }
        }));

        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            $"blobs-{connectionName}",
            sp => new BlobStorageHealthCheck(sp.GetRequiredService<BlobServiceClient>()),
            HealthStatus.Unhealthy,
            ["ready", "blobs"],
            TimeSpan.FromSeconds(5)));
        return builder;
    }

    sealed class BlobStorageHealthCheck(BlobServiceClient client) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await client.GetPropertiesAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "Blob Storage does not answer.", ex);
            }
        }
    }
}
