using Meshy3D.Scoring.Model;

namespace Meshy3D.Scoring.UnitTests;

public sealed class ModelScoreTests
{
    static ModelScore Score(double[] distribution) =>
        ModelScore.FromDistribution(Guid.NewGuid(), Guid.NewGuid(), "owner", distribution, "v", DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_distribution_is_normalised_and_summarised_by_its_mean_and_spread()
    {
        var score = Score([0, 0, 0, 0, 2, 0, 2, 0, 0, 0]); // half 5, half 7
        Assert.Equal(1.0, score.Distribution.Sum(), precision: 9);
        Assert.Equal(6.0, score.Mean, precision: 9);
        Assert.Equal(1.0, score.StdDev, precision: 9);
    }

    [Fact]
    public void A_certain_score_has_no_spread()
    {
        var score = Score([0, 0, 0, 0, 0, 0, 0, 0, 0, 3]);
        Assert.Equal(10.0, score.Mean, precision: 9);
        Assert.Equal(0.0, score.StdDev, precision: 9);
    }

    [Fact]
    public void A_distribution_needs_ten_buckets() =>
        Assert.Throws<ArgumentException>(() => Score([1, 2, 3]));
}
