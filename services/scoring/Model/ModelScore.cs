namespace Meshy3D.Scoring.Model;

/// <summary>A model's visual-quality score: a distribution over 1–10 with its mean and spread.</summary>
public sealed class ModelScore
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ModelId { get; init; }
    public Guid JobId { get; init; }
    public required string OwnerId { get; init; }
    public required double[] Distribution { get; init; }
    public double Mean { get; init; }
    public double StdDev { get; init; }
    public required string ModelVersion { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public static ModelScore FromDistribution(Guid modelId, Guid jobId, string ownerId, double[] distribution, string modelVersion, DateTimeOffset now)
    {
        if (distribution.Length != 10) throw new ArgumentException("A score distribution has ten buckets (1–10).", nameof(distribution));
        var total = distribution.Sum();
        var p = distribution.Select(d => d / total).ToArray();
        var mean = p.Select((x, i) => x * (i + 1)).Sum();
        var variance = p.Select((x, i) => x * Math.Pow(i + 1 - mean, 2)).Sum();
        return new ModelScore
        {
            ModelId = modelId, JobId = jobId, OwnerId = ownerId, Distribution = p, Mean = mean, StdDev = Math.Sqrt(variance),
            ModelVersion = modelVersion, CreatedAt = now,
        };
    }
}
