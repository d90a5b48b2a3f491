namespace Meshy3D.Storage.Model;

public static class Visibility
{
    public const string Private = "private";
    public const string Unlisted = "unlisted";
    public const string Public = "public";
}

/// <summary>A finished model in the catalogue: who owns it, what it was asked to be, its files and score.</summary>
public sealed class CatalogueModel
{
    public Guid Id { get; init; }
    public Guid JobId { get; init; }
    public required string OwnerId { get; init; }
    public required string Title { get; set; }
    public required string Prompt { get; init; }
    public string? EnhancedPrompt { get; init; }
    public required string Visibility { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public List<ModelFile> Files { get; init; } = [];
    public Guid? ScoreId { get; set; }
    public double? ScoreMean { get; set; }

    /// <summary>Private models are the owner's alone; the rest can be read by anyone with the id.</summary>
    public bool IsReadableBy(string callerId) => OwnerId == callerId || Visibility != Model.Visibility.Private;

    /// <summary>A job's model id is derived from the job id, so a retried ingest rewrites the same blobs.</summary>
    public static Guid IdForJob(Guid jobId)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(jobId.ToByteArray(), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8: custom
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash[..16], bigEndian: true);
    }
}

public sealed record ModelFile(string Name, string Kind, string BlobPath, string ContentType, long Length, string Sha256);
