namespace Meshy3D.AppHost.Infrastructure;

/// <summary>
/// Azurite's blob server from npm, run with node directly (under npx the node grandchild is orphaned).
/// Telemetry off: on an offline machine it otherwise delays shutdown by minutes.
/// </summary>
static class LocalAzurite
{
    public static IResourceBuilder<LocalServerResource> Add(IDistributedApplicationBuilder builder, string dataRoot, string repositoryRoot)
    {
        var main = Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", "blob", "main.js");
        if (!File.Exists(main)) throw new InvalidOperationException("Azurite is not installed: run ./run.sh (it runs npm ci at the repository root).");
        var location = Path.Combine(dataRoot, "azurite");
        Directory.CreateDirectory(location);

        var azurite = new LocalServerResource(Platform.BlobsName, "node", location,
            blob => AzuriteConnection.For(blob.Endpoint("blob").Property(EndpointProperty.Url)));
        return builder.AddResource(azurite)
            .WithHttpEndpoint(name: "blob", isProxied: false, env: "AZURITE_BLOB_PORT")
            .WithArgs(context =>
            {
                // --skipApiVersionCheck: Azure.Storage.Blobs 12.30 sends an API version newer than Azurite 3.37 knows.
                foreach (var arg in new[] { main, "--blobHost", "127.0.0.1", "--location", location, "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent", "--blobPort" })
                    context.Args.Add(arg);
                context.Args.Add(azurite.Endpoint("blob").Property(EndpointProperty.TargetPort));
            })
            .WithTcpHealthCheck("blob")
            .ExcludeFromManifest();
    }
}
