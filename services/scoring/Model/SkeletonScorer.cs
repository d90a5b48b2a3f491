using Azure.Storage.Blobs;
using Meshy3D.Contracts;

namespace Meshy3D.Scoring.Model;

/// <summary>
/// The walking skeleton's scorer: it reads every stored file back from Blob Storage (checking its length)
/// and derives a fixed-shape distribution from the bytes' hash. It says nothing about quality; its
/// version says so. The rendered-views ResNet18 scorer of the scoring issue replaces it.
/// </summary>
public sealed class SkeletonScorer(BlobServiceClient blobs)
{
    public const string ModelVersion = "skeleton-0";
    const string ModelsContainer = "models";

    public async Task<double[]> ScoreAsync(IReadOnlyList<StoredFile> files, CancellationToken cancellationToken)
    {
        if (files.Count == 0) throw new InvalidOperationException("The model has no stored files to score.");
        var container = blobs.GetBlobContainerClient(ModelsContainer);
        var seed = 17;
        foreach (var file in files)
        {
            var content = (await container.GetBlobClient(file.BlobPath).DownloadContentAsync(cancellationToken)).Value.Content;
            if (content.ToMemory().Length != file.Length)
                throw new InvalidOperationException($"{file.Name} is {content.ToMemory().Length} bytes in Blob Storage, not {file.Length}.");
            seed = HashCode.Combine(seed, file.Sha256);
        }
        var peak = 3 + (int)((uint)seed % 5); // a bucket in 4..8
        return [.. Enumerable.Range(1, 10).Select(score => Math.Exp(-Math.Pow(score - peak, 2) / 2))];
    }
}
