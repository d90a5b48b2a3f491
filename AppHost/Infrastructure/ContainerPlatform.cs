namespace Meshy3D.AppHost.Infrastructure;

/// <summary>The platform as containers: Aspire's PostgreSQL and RabbitMQ integrations and an Azurite container.</summary>
static class ContainerPlatform
{
    public static Platform Add(IDistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres("postgres").WithDataVolume("meshy3d-postgres");
        var rabbitMq = builder.AddRabbitMQ(Platform.RabbitMqName).WithDataVolume("meshy3d-rabbitmq");
        var azurite = builder.AddContainer("azurite", "mcr.microsoft.com/azure-storage/azurite", "3.35.0")
            .WithArgs("azurite-blob", "--blobHost", "0.0.0.0", "--blobPort", "10000", "--skipApiVersionCheck", "--loose", "--disableTelemetry")
            .WithHttpEndpoint(targetPort: 10000, name: "blob")
            .WithVolume("meshy3d-azurite", "/data");
        var blobs = builder.AddConnectionString(Platform.BlobsName,
            AzuriteConnection.For(azurite.GetEndpoint("blob").Property(EndpointProperty.Url)));

        return new Platform
        {
            RabbitMq = rabbitMq,
            Blobs = blobs,
            Databases = Platform.DatabaseNames.ToDictionary(n => n, n => (IResourceBuilder<IResourceWithConnectionString>)postgres.AddDatabase(n)),
            Servers = [postgres, rabbitMq, azurite],
        };
    }
}
