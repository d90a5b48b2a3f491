namespace Meshy3D.Contracts;

/// <summary>A file copied into Blob Storage: its blob path, size and SHA-256.</summary>
public sealed record StoredFile(string Name, string Kind, string BlobPath, string ContentType, long Length, string Sha256);

public sealed record ModelStored(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid JobId,
    Guid ModelId,
    string OwnerId,
    IReadOnlyList<StoredFile> Files) : IJobEvent;

public sealed record ModelStoreFailed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid JobId,
    Guid ModelId,
    string Reason) : IJobEvent;

/// <summary>A NIMA-style score: a distribution over 1–10, its mean and standard deviation.</summary>
public sealed record ModelScored(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid JobId,
    Guid ModelId,
    Guid ScoreId,
    IReadOnlyList<double> Distribution,
    double Mean,
    double StdDev,
    string ModelVersion) : IJobEvent;

public sealed record ModelScoringFailed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid JobId,
    Guid ModelId,
    string Reason) : IJobEvent;
