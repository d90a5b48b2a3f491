using Meshy3D.Generation.Apis;

namespace Meshy3D.Generation.UnitTests;

public sealed class CreateGenerationRequestTests
{
    [Fact]
    public void A_plain_prompt_is_valid() => Assert.Empty(new CreateGenerationRequest("a mossy stone well").Validate());

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t ")]
    [InlineData("a\u0007bell")]
    public void A_missing_blank_or_control_character_prompt_is_refused(string? prompt) =>
        Assert.Contains("prompt", new CreateGenerationRequest(prompt).Validate().Keys);

    [Fact]
    public void Meshy_prompt_limit_is_600_characters()
    {
        Assert.Empty(new CreateGenerationRequest(new string('a', 600)).Validate());
        Assert.Contains("prompt", new CreateGenerationRequest(new string('a', 601)).Validate().Keys);
    }

    [Theory]
    [InlineData(99, false)]
    [InlineData(100, true)]
    [InlineData(300_000, true)]
    [InlineData(300_001, false)]
    public void Polycount_follows_meshy_range(int polycount, bool valid) =>
        Assert.Equal(valid, !new CreateGenerationRequest("chair", TargetPolycount: polycount).Validate().ContainsKey("targetPolycount"));

    [Fact]
    public void Unknown_enum_values_are_named_with_what_is_allowed()
    {
        var errors = new CreateGenerationRequest("chair", AiModel: "meshy-9", Topology: "hex", ModelType: "voxel",
            SymmetryMode: "maybe", Language: "fr", Visibility: "secret").Validate();
        Assert.Equal(["aiModel", "language", "modelType", "symmetryMode", "topology", "visibility"], errors.Keys.Order());
        Assert.Contains("quad, triangle", errors["topology"][0]);
    }
}
