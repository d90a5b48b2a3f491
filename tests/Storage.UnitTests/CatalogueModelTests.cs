using Meshy3D.Storage.Model;

namespace Meshy3D.Storage.UnitTests;

public sealed class CatalogueModelTests
{
    [Fact]
    public void A_job_always_maps_to_the_same_model_id_and_different_jobs_to_different_ids()
    {
        var job = Guid.NewGuid();
        Assert.Equal(CatalogueModel.IdForJob(job), CatalogueModel.IdForJob(job));
        Assert.NotEqual(CatalogueModel.IdForJob(job), CatalogueModel.IdForJob(Guid.NewGuid()));
        Assert.NotEqual(job, CatalogueModel.IdForJob(job));
        Assert.Equal(8, CatalogueModel.IdForJob(job).Version);
    }

    [Theory]
    [InlineData(Visibility.Private, "owner", true)]
    [InlineData(Visibility.Private, "stranger", false)]
    [InlineData(Visibility.Unlisted, "stranger", true)]
    [InlineData(Visibility.Public, "stranger", true)]
    public void Private_models_are_their_owners_alone(string visibility, string caller, bool readable)
    {
        var model = new CatalogueModel { OwnerId = "owner", Title = "t", Prompt = "p", Visibility = visibility };
        Assert.Equal(readable, model.IsReadableBy(caller));
    }
}

public sealed class TitlesTests
{
    [Fact]
    public void A_short_prompt_is_its_own_title_on_one_line() =>
        Assert.Equal("빨간 찻주전자", Titles.FromPrompt("  빨간\n찻주전자 "));

    [Fact]
    public void A_long_prompt_is_cut_at_a_word_with_an_ellipsis()
    {
        var title = Titles.FromPrompt(string.Join(' ', Enumerable.Repeat("stone", 40)));
        Assert.True(title.Length <= Titles.MaxLength, title);
        Assert.EndsWith("stone…", title);
    }
}
