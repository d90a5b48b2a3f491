using Meshy3D.Contracts;
using Meshy3D.Generation.Model;

namespace Meshy3D.Generation.UnitTests;

public sealed class GenerationJobTests
{
    static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    static GenerationJob NewJob(bool enhance = true) =>
        GenerationJob.Create("anon-1", "빨간 찻주전자", enhance, "ko", "private", new GenerationOptions(), T0);

    [Fact]
    public void A_job_that_asks_for_enhancement_starts_by_enhancing()
    {
        var job = NewJob();
        Assert.Equal(JobStatus.Enhancing, job.Status);
        Assert.Equal("enhance", job.Stage);
        Assert.Single(job.Timeline);
        Assert.False(job.IsTerminal);
    }

    [Fact]
    public void A_job_without_enhancement_goes_straight_to_generating_with_the_original_prompt()
    {
        var job = NewJob(enhance: false);
        Assert.Equal(JobStatus.Generating, job.Status);
        Assert.Equal("빨간 찻주전자", job.EffectivePrompt);
    }

    [Fact]
    public void An_enhanced_prompt_is_kept_beside_the_original_and_becomes_the_one_sent_on()
    {
        var job = NewJob();
        job.PromptEnhanced("빨간 도자기 찻주전자, 매끄러운 곡면", "gpt-4o", T0.AddSeconds(1));

        Assert.Equal(JobStatus.Generating, job.Status);
        Assert.Equal("빨간 찻주전자", job.Prompt);
        Assert.Equal("빨간 도자기 찻주전자, 매끄러운 곡면", job.EffectivePrompt);
        Assert.Contains("gpt-4o", job.Timeline[^1].Message);
    }

    [Fact]
    public void A_second_enhancement_of_the_same_job_changes_nothing()
    {
        var job = NewJob();
        job.PromptEnhanced("first", "m", T0.AddSeconds(1));
        job.PromptEnhanced("second", "m", T0.AddSeconds(2));
        Assert.Equal("first", job.EnhancedPrompt);
        Assert.Equal(2, job.Timeline.Count);
    }

    [Fact]
    public void A_failed_enhancement_goes_on_with_the_original_prompt_and_says_why()
    {
        var job = NewJob();
        job.PromptEnhancementFailed("OpenAI answered 429", T0.AddSeconds(1));
        Assert.Equal(JobStatus.Generating, job.Status);
        Assert.Null(job.EnhancedPrompt);
        Assert.Contains("OpenAI answered 429", job.Timeline[^1].Message);
    }

    [Fact]
    public void Stored_then_scored_completes_the_job_with_both_ids()
    {
        var job = NewJob(enhance: false);
        var succeeded = job.Generated([], null, T0.AddSeconds(1));
        Assert.Equal(job.Id, succeeded.JobId);
        Assert.Equal(JobStatus.Storing, job.Status);

        var modelId = Guid.NewGuid();
        var scoreId = Guid.NewGuid();
        job.Stored(modelId, T0.AddSeconds(2));
        Assert.Equal(JobStatus.Scoring, job.Status);
        job.Scored(modelId, scoreId, 7.25, T0.AddSeconds(3));

        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.True(job.IsTerminal);
        Assert.Equal((modelId, scoreId, 7.25), (job.ModelId!.Value, job.ScoreId!.Value, job.ScoreMean!.Value));
        Assert.Equal(Enumerable.Range(1, job.Timeline.Count), job.Timeline.Select(t => t.Sequence));
    }

    [Fact]
    public void A_score_that_overtakes_the_stored_event_still_leaves_the_model_id()
    {
        var job = NewJob(enhance: false);
        job.Generated([], null, T0);
        var modelId = Guid.NewGuid();
        job.Scored(modelId, Guid.NewGuid(), 5, T0.AddSeconds(1));
        job.Stored(modelId, T0.AddSeconds(2));

        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Equal(modelId, job.ModelId);
    }

    [Fact]
    public void A_failed_job_stays_failed()
    {
        var job = NewJob(enhance: false);
        job.Generated([], null, T0);
        job.Fail("store", "Blob Storage refused the upload", T0.AddSeconds(1));
        job.Scored(Guid.NewGuid(), Guid.NewGuid(), 9, T0.AddSeconds(2));

        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal("Blob Storage refused the upload", job.FailureReason);
        Assert.Null(job.ScoreId);
    }

    [Fact]
    public void A_model_that_cannot_be_scored_is_still_completed()
    {
        var job = NewJob(enhance: false);
        job.Generated([], null, T0);
        job.ScoringFailed(Guid.NewGuid(), "renderer timed out", T0.AddSeconds(1));
        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Null(job.ScoreId);
        Assert.Contains("renderer timed out", job.Timeline[^1].Message);
    }
}
