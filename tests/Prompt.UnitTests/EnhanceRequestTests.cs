using Meshy3D.Prompt.Apis;
using Meshy3D.Prompt.Model;

namespace Meshy3D.Prompt.UnitTests;

public sealed class EnhanceRequestTests
{
    [Theory]
    [InlineData(null, "prompt")]
    [InlineData("", "prompt")]
    [InlineData("   ", "prompt")]
    [InlineData("chair\u001b[31m", "prompt")]
    public void Bad_prompts_are_named(string? prompt, string field) =>
        Assert.Contains(field, new EnhanceRequest(prompt).Validate().Keys);

    [Fact]
    public void Prompts_up_to_2000_characters_are_accepted()
    {
        Assert.Empty(new EnhanceRequest(new string('가', 2000)).Validate());
        Assert.Contains("prompt", new EnhanceRequest(new string('가', 2001)).Validate().Keys);
    }

    [Fact]
    public void Only_korean_and_english_are_offered() =>
        Assert.Equal(["language"], new EnhanceRequest("chair", "de").Validate().Keys);
}

public sealed class TemplatePromptEnhancerTests
{
    [Theory]
    [InlineData("ko")]
    [InlineData("en")]
    public async Task The_enhanced_prompt_keeps_the_idea_on_one_line_within_500_characters(string language)
    {
        var result = await new TemplatePromptEnhancer().EnhanceAsync("빨간\n찻주전자", language, CancellationToken.None);
        Assert.StartsWith("빨간 찻주전자, ", result.Enhanced);
        Assert.DoesNotContain('\n', result.Enhanced);
        Assert.InRange(result.Enhanced.Length, 20, 500);
    }

    [Fact]
    public async Task A_long_idea_is_cut_to_500_characters()
    {
        var result = await new TemplatePromptEnhancer().EnhanceAsync(new string('a', 1900), "en", CancellationToken.None);
        Assert.Equal(500, result.Enhanced.Length);
    }
}
