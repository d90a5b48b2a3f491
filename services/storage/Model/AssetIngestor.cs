using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Meshy3D.Contracts;

namespace Meshy3D.Storage.Model;

/// <summary>
/// Writes a model's files under <c>models/{modelId}/</c>. In the walking skeleton the only file is the
/// model's manifest; copying Meshy's assets is the storage issue's.
/// </summary>
public sealed class AssetIngestor(BlobServiceClient blobs)
{
    public const string ModelsContainer = "models";
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<IReadOnlyList<ModelFile>> IngestAsync(Guid modelId, GenerationSucceeded generation, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(ModelsContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

        var manifest = JsonSerializer.SerializeToUtf8Bytes(new
        {
            modelId,
            generation.JobId,
            generation.Prompt,
            generation.EnhancedPrompt,
            generation.MeshyTaskId,
            assets = generation.Assets,
        }, Json);
        var path = $"models/{modelId}/manifest.json";
        await container.GetBlobClient(path).UploadAsync(new BinaryData(manifest), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
        }, cancellationToken);
        return [new ModelFile("manifest.json", "manifest", path, "application/json", manifest.Length, Convert.ToHexStringLower(SHA256.HashData(manifest)))];
    }
}
