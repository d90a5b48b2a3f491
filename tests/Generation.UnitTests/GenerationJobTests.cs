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
    public void A_job_without_enhancement_goes_straight_to_the_queue_with_the_original_prompt()
    {
        var job = NewJob(enhance: false);
        Assert.Equal(JobStatus.Queued, job.Status);
        Assert.Equal(MeshyStage.Preview, job.MeshyStage);
        Assert.Equal("빨간 찻주전자", job.EffectivePrompt);
    }

    [Fact]
    public void An_enhanced_prompt_is_kept_beside_the_original_and_becomes_the_one_sent_on()
    {
        var job = NewJob();
        job.PromptEnhanced("빨간 도자기 찻주전자, 매끄러운 곡면", "gpt-4o", T0.AddSeconds(1));

        Assert.Equal(JobStatus.Queued, job.Status);
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
        Assert.Equal(JobStatus.Queued, job.Status);
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

    [Fact]
    public void A_textured_job_follows_preview_then_refine_in_one_slot_and_frees_it_when_generated()
    {
        var job = NewJob(enhance: false);
        job.Admit(T0);
        Assert.Equal((JobStatus.Generating, "preview"), (job.Status, job.Stage));
        Assert.Null(job.CurrentTaskId);

        job.CreateStarting(T0);
        Assert.Equal(T0, job.CreateStartedAt);
        job.TaskCreated("preview-1", T0.AddSeconds(1));
        Assert.Null(job.CreateStartedAt);
        Assert.Equal("preview-1", job.CurrentTaskId);

        Assert.True(job.PreviewSucceeded(T0.AddSeconds(2)));
        Assert.Equal((MeshyStage.Refine, "refine", (string?)null), (job.MeshyStage, job.Stage, job.CurrentTaskId));
        job.TaskCreated("refine-1", T0.AddSeconds(3));
        Assert.Equal(("preview-1", "refine-1"), (job.PreviewTaskId, job.RefineTaskId));

        job.Lease("instance-a", T0.AddSeconds(30));
        var succeeded = job.Generated([], "refine-1", T0.AddSeconds(4));
        Assert.Equal(JobStatus.Storing, job.Status);
        Assert.Equal(MeshyStage.Done, job.MeshyStage);
        Assert.Null(job.LeaseOwner);
        Assert.Equal("refine-1", succeeded.MeshyTaskId);
    }

    [Fact]
    public void A_job_without_texture_is_done_after_the_preview()
    {
        var job = GenerationJob.Create("anon-1", "a sphere", false, "en", "private", new GenerationOptions(Texture: false), T0);
        job.Admit(T0);
        Assert.False(job.PreviewSucceeded(T0.AddSeconds(1)));
        Assert.Equal(MeshyStage.Preview, job.MeshyStage);
    }

    [Fact]
    public void Meshy_progress_reaches_the_timeline_in_steps_of_five()
    {
        var job = NewJob(enhance: false);
        job.Admit(T0);
        var before = job.Timeline.Count;
        foreach (var percent in Enumerable.Range(0, 21)) job.MeshyProgressed("in progress", percent, null, T0.AddSeconds(percent));

        var progress = job.Timeline.Skip(before).Select(t => t.Progress).ToList();
        Assert.Equal([0, 5, 10, 15, 20], progress);
        Assert.Equal(20, job.Progress);
    }

    [Fact]
    public void A_full_Meshy_queue_puts_the_job_back_in_line_keeping_its_place()
    {
        var job = NewJob(enhance: false);
        var queuedAt = job.QueuedAt;
        job.Admit(T0);
        job.Lease("instance-a", T0.AddSeconds(30));
        job.Requeue("Meshy's queue is full.", T0.AddSeconds(1));

        Assert.Equal(JobStatus.Queued, job.Status);
        Assert.Equal(queuedAt, job.QueuedAt);
        Assert.Null(job.LeaseOwner);
    }

    [Fact]
    public void Canceling_says_whether_a_Meshy_task_may_still_run()
    {
        var queued = NewJob(enhance: false);
        Assert.False(queued.Cancel(T0));
        Assert.Equal(JobStatus.Canceled, queued.Status);

        var running = NewJob(enhance: false);
        running.Admit(T0);
        running.TaskCreated("preview-1", T0);
        Assert.True(running.Cancel(T0.AddSeconds(1)));
        Assert.False(running.Cancel(T0.AddSeconds(2)));
        Assert.Equal(JobStatus.Canceled, running.Status);
    }

    [Fact]
    public void Each_timeline_entry_is_handed_out_for_announcement_once()
    {
        var job = NewJob(enhance: false);
        job.Admit(T0);
        Assert.Equal([1, 2], job.TakeUnannouncedEntries().Select(e => e.Sequence));
        Assert.Empty(job.TakeUnannouncedEntries());
        job.Fail("preview", "Meshy failed", T0.AddSeconds(1));
        Assert.Equal([3], job.TakeUnannouncedEntries().Select(e => e.Sequence));
    }
}
