namespace Meshy3D.AppHost.Infrastructure;

/// <summary>Azurite's connection string for any port (UseDevelopmentStorage=true only fits port 10000).</summary>
static class AzuriteConnection
{
    // Azurite's well-known development account: public, documented, and only ever valid against the emulator.
    const string AccountName = "devstoreaccount1";
    const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static ReferenceExpression For(EndpointReferenceExpression blobEndpointUrl) => ReferenceExpression.Create(
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={blobEndpointUrl}/{AccountName};");
}
