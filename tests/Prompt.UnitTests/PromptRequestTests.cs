using Meshy3D.Prompt.Apis;

namespace Meshy3D.Prompt.UnitTests;

public sealed class PromptRequestTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t ")]
    [InlineData("chair\u001b[31m")]
    [InlineData("chair\u0000")]
    public void Bad_prompts_are_named(string? prompt)
    {
        Assert.Equal(["prompt"], new EnhanceRequest(prompt).Validate().Keys);
        Assert.Equal(["prompt"], new VariantsRequest(prompt).Validate().Keys);
    }

    [Fact]
    public void Prompts_up_to_2000_characters_are_accepted()
    {
        Assert.Empty(new EnhanceRequest(new string('가', 2000)).Validate());
        Assert.Contains("prompt", new EnhanceRequest(new string('가', 2001)).Validate().Keys);
        Assert.Contains("prompt", new VariantsRequest(new string('a', 2001)).Validate().Keys);
    }

    [Fact]
    public void Line_breaks_and_tabs_are_text_not_control_characters() =>
        Assert.Empty(new EnhanceRequest("빨간\n찻주전자\t둥근").Validate());

    [Theory]
    [InlineData("de")]
    [InlineData("KO")]
    [InlineData("")]
    [InlineData("english")]
    public void Only_korean_and_english_are_offered(string language)
    {
        Assert.Equal(["language"], new EnhanceRequest("chair", language).Validate().Keys);
        Assert.Equal(["language"], new VariantsRequest("chair", Language: language).Validate().Keys);
    }

    [Fact]
    public void The_language_defaults_to_korean()
    {
        Assert.Equal("ko", new EnhanceRequest("chair").LanguageOrDefault);
        Assert.Equal("en", new VariantsRequest("chair", Language: "en").LanguageOrDefault);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(6)]
    [InlineData(100)]
    public void Variant_counts_outside_1_to_5_are_named(int n) =>
        Assert.Equal(["n"], new VariantsRequest("chair", n).Validate().Keys);

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    [InlineData(5)]
    public void Variant_counts_from_1_to_5_or_none_are_accepted(int? n) =>
        Assert.Empty(new VariantsRequest("chair", n).Validate());

    [Fact]
    public void Every_bad_field_is_named_at_once() =>
        Assert.Equal(["prompt", "language", "n"], new VariantsRequest("", 9, "fr").Validate().Keys);
}
