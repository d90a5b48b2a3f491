using Meshy3D.Prompt.Model;

namespace Meshy3D.Prompt.UnitTests;

public sealed class SeedSystemPromptTests
{
    [Fact]
    public void The_korean_prompt_keeps_every_sentence_of_the_seed()
    {
        var system = SeedSystemPrompt.For("ko");
        Assert.StartsWith("너는 3D 모델을 생성하기 위한 최적의 프롬프트를 만드는 AI야. 사용자의 요청을 분석하여 디테일한 프롬프트를 제공해야 해.", system);
        Assert.Contains("필요한 정보를 압축해 500자 이내로 한국어로 작성해.", system);
        Assert.DoesNotContain("영어", system);
    }

    [Fact]
    public void The_english_prompt_only_switches_the_language()
    {
        var system = SeedSystemPrompt.For("en");
        Assert.Contains("필요한 정보를 압축해 500자 이내로 영어로 작성해.", system);
        Assert.DoesNotContain("한국어", system);
        Assert.Equal(SeedSystemPrompt.For("ko").Replace("한국어로", "영어로"), system);
    }

    [Fact]
    public void The_variants_prompt_asks_for_the_count_and_a_rationale()
    {
        var system = SeedSystemPrompt.ForVariants("ko", 4);
        Assert.Contains("4개의 변형", system);
        Assert.Contains("rationale", system);
        Assert.StartsWith(SeedSystemPrompt.For("ko")[..40], system);
    }

    [Fact]
    public void Identical_requests_share_a_cache_key_and_any_difference_changes_it()
    {
        var key = CachedEnhancement.KeyFor("빨간 찻주전자", "ko", "gpt-4o");
        Assert.Matches("^[0-9a-f]{64}$", key);
        Assert.Equal(key, CachedEnhancement.KeyFor("빨간 찻주전자", "ko", "gpt-4o"));
        Assert.NotEqual(key, CachedEnhancement.KeyFor("빨간 찻주전자", "en", "gpt-4o"));
        Assert.NotEqual(key, CachedEnhancement.KeyFor("빨간 찻주전자", "ko", "gpt-4o-mini"));
        Assert.NotEqual(key, CachedEnhancement.KeyFor("파란 찻주전자", "ko", "gpt-4o"));
    }
}
