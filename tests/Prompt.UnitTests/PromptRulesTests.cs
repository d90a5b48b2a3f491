using Meshy3D.Prompt.Model;

namespace Meshy3D.Prompt.UnitTests;

public sealed class PromptRulesTests
{
    const string Korean = "빨간 찻주전자를 사실적인 3D 모델로 표현합니다. 매끄러운 유광 도자기 재질로 둥근 몸체와 곡선형 주둥이를 배치합니다. 4K PBR 텍스처로 은은한 유약 광택을 더합니다.";
    const string English = "A red teapot, crafted as a realistic 3D asset. Smooth glazed ceramic with a rounded body and a curved spout. Texture it with 4K PBR maps for a subtle glaze sheen.";

    [Theory]
    [InlineData(Korean, "ko")]
    [InlineData(English, "en")]
    public void A_good_answer_passes_untouched(string answer, string language)
    {
        var check = PromptRules.Check(answer, language);
        Assert.True(check.Passed);
        Assert.Equal(answer, check.Prompt);
        Assert.Empty(check.Repairs);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("\"\"")]
    [InlineData("```\n```")]
    public void An_empty_answer_is_a_violation(string? answer)
    {
        var check = PromptRules.Check(answer, "ko");
        Assert.False(check.Passed);
        Assert.Equal("empty answer", check.Violation);
    }

    [Fact]
    public void Line_breaks_are_joined_into_one_flowing_line()
    {
        var check = PromptRules.Check("빨간 찻주전자를 표현합니다.\n매끄러운 도자기 재질입니다.\r\n\r\n  PBR 텍스처를 더합니다.\u2028끝.", "ko");
        Assert.Equal("빨간 찻주전자를 표현합니다. 매끄러운 도자기 재질입니다. PBR 텍스처를 더합니다. 끝.", check.Prompt);
        Assert.Equal(["joined lines"], check.Repairs);
    }

    [Fact]
    public void Runs_of_spaces_and_tabs_are_collapsed()
    {
        var check = PromptRules.Check("A red  teapot,\tglazed   ceramic.", "en");
        Assert.Equal("A red teapot, glazed ceramic.", check.Prompt);
        Assert.Equal(["collapsed whitespace"], check.Repairs);
    }

    [Fact]
    public void An_over_long_answer_is_trimmed_at_the_last_sentence_that_fits()
    {
        var sentences = Enumerable.Range(1, 40).Select(i => $"Sentence number {i} adds detail.");
        var answer = string.Join(' ', sentences);
        var check = PromptRules.Check(answer, "en");

        Assert.True(check.Passed);
        Assert.InRange(check.Prompt.Length, PromptRules.MaxLength / 2, PromptRules.MaxLength);
        Assert.EndsWith("adds detail.", check.Prompt);
        Assert.StartsWith(check.Prompt, answer);
        Assert.Contains(check.Repairs, r => r.StartsWith("trimmed"));
    }

    [Fact]
    public void Korean_sentences_are_cut_after_their_full_stop()
    {
        var answer = string.Join(' ', Enumerable.Repeat("깔끔한 토폴로지와 사실적인 비율로 만든 디테일한 나무 의자 모델입니다.", 20));
        var check = PromptRules.Check(answer, "ko");
        Assert.True(check.Prompt!.Length <= PromptRules.MaxLength);
        Assert.EndsWith("모델입니다.", check.Prompt);
    }

    [Fact]
    public void Without_a_sentence_end_the_cut_falls_between_words()
    {
        var answer = string.Join(", ", Enumerable.Repeat("weathered oak planks", 40));
        var check = PromptRules.Check(answer, "en");
        Assert.True(check.Prompt!.Length <= PromptRules.MaxLength);
        Assert.Matches("(weathered|oak|planks)$", check.Prompt);
        Assert.StartsWith(check.Prompt, answer);
    }

    [Fact]
    public void A_sentence_end_too_early_is_not_worth_half_the_prompt()
    {
        var answer = "Short. " + string.Join(' ', Enumerable.Repeat("carved", 120));
        var check = PromptRules.Check(answer, "en");
        Assert.InRange(check.Prompt!.Length, PromptRules.MaxLength - 7, PromptRules.MaxLength);
    }

    [Fact]
    public void Text_without_spaces_is_cut_hard_at_the_limit() =>
        Assert.Equal(PromptRules.MaxLength, PromptRules.Check(new string('a', 900), "en").Prompt!.Length);

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var answer = new string('a', PromptRules.MaxLength - 1) + "😀" + "tail";
        var prompt = PromptRules.Check(answer, "en").Prompt!;
        Assert.Equal(PromptRules.MaxLength - 1, prompt.Length);
        Assert.False(char.IsHighSurrogate(prompt[^1]));
    }

    [Fact]
    public void Exactly_500_characters_are_kept() =>
        Assert.Empty(PromptRules.Check(new string('a', PromptRules.MaxLength), "en").Repairs);

    [Fact]
    public void Newlines_and_length_are_repaired_together()
    {
        var answer = string.Join('\n', Enumerable.Repeat("조명이 베이크되지 않은 중립적인 텍스처로 마무리합니다.", 30));
        var check = PromptRules.Check(answer, "ko");
        Assert.DoesNotContain('\n', check.Prompt!);
        Assert.True(check.Prompt!.Length <= PromptRules.MaxLength);
        Assert.Equal(2, check.Repairs.Count);
    }

    [Fact]
    public void English_in_place_of_korean_is_a_violation()
    {
        var check = PromptRules.Check(English, "ko");
        Assert.False(check.Passed);
        Assert.StartsWith("not in Korean", check.Violation);
    }

    [Fact]
    public void Korean_in_place_of_english_is_a_violation()
    {
        var check = PromptRules.Check(Korean, "en");
        Assert.False(check.Passed);
        Assert.StartsWith("not in English", check.Violation);
    }

    [Fact]
    public void Latin_modelling_terms_in_korean_and_a_hangul_name_in_english_are_fine()
    {
        Assert.True(PromptRules.Check("로우폴리 PBR 4K game-ready 스타일의 해태 석상, 쿼드 토폴로지와 노멀 맵을 갖춘 모델.", "ko").Passed);
        Assert.True(PromptRules.Check("A stone 해태 statue, realistic proportions, weathered granite, 4K PBR textures, quad topology.", "en").Passed);
    }

    [Fact]
    public void An_answer_without_words_is_a_violation() =>
        Assert.Equal("no words in the answer", PromptRules.Check("1234 !!! ---", "en").Violation);

    [Fact]
    public void A_cut_json_fragment_is_malformed()
    {
        var check = PromptRules.Check("{\"prompt\": \"빨간 찻주전자를 사실적인", "ko");
        Assert.False(check.Passed);
        Assert.StartsWith("malformed", check.Violation);
    }

    [Fact]
    public void A_prompt_wrapped_in_json_is_taken_out()
    {
        var check = PromptRules.Check("{\"prompt\": \"" + Korean + "\"}", "ko");
        Assert.Equal(Korean, check.Prompt);
        Assert.Equal(["took the prompt out of JSON"], check.Repairs);
    }

    [Fact]
    public void Json_without_a_prompt_is_malformed() =>
        Assert.False(PromptRules.Check("[\"a\", \"b\"]", "en").Passed);

    [Fact]
    public void A_code_block_and_quotes_around_the_answer_are_removed()
    {
        var check = PromptRules.Check("```text\n\"" + English + "\"\n```", "en");
        Assert.Equal(English, check.Prompt);
        Assert.Equal(["unwrapped a code block", "removed wrapping quotes"], check.Repairs);
    }

    [Fact]
    public void Quotes_that_belong_to_the_text_stay()
    {
        const string quoted = "\"Old\" oak chair with a \"worn\" seat, realistic PBR textures.";
        Assert.Equal(quoted, PromptRules.Check(quoted, "en").Prompt);
    }

    [Fact]
    public void A_rationale_is_one_short_line()
    {
        Assert.Equal("Realistic first, for product shots.", PromptRules.CheckRationale("Realistic first,\nfor product shots.").Prompt);
        Assert.True(PromptRules.CheckRationale(string.Join(' ', Enumerable.Repeat("word", 100))).Prompt!.Length <= PromptRules.MaxRationaleLength);
        Assert.False(PromptRules.CheckRationale(" ").Passed);
    }

    [Theory]
    [InlineData("  빨간   찻주전자 ", "빨간 찻주전자")]
    [InlineData("a\r\nmossy\twell", "a mossy well")]
    public void Normalising_collapses_whitespace(string text, string normalised) =>
        Assert.Equal(normalised, PromptRules.Normalise(text));

    [Fact]
    public void Normalising_composes_decomposed_hangul() =>
        Assert.Equal("한글", PromptRules.Normalise("한글".Normalize(System.Text.NormalizationForm.FormD)));
}
