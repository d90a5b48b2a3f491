using Meshy3D.Generation.Infrastructure.Meshy;
using Meshy3D.Generation.Model;

namespace Meshy3D.Generation.Jobs;

/// <summary>What Meshy is asked for at each stage of a job.</summary>
static class MeshyRequests
{
    public static MeshyPreviewRequest Preview(GenerationJob job) => new(job.EffectivePrompt)
    {
        NegativePrompt = job.Options.NegativePrompt,
        AiModel = job.Options.AiModel,
        ModelType = job.Options.ModelType,
        Topology = job.Options.Topology,
        TargetPolycount = job.Options.TargetPolycount,
        SymmetryMode = job.Options.SymmetryMode,
        // A topology or polycount only counts with remeshing (Meshy ignores them otherwise).
        ShouldRemesh = job.Options.Topology is not null || job.Options.TargetPolycount is not null ? true : null,
    };

    public static MeshyRefineRequest Refine(GenerationJob job) => new(job.PreviewTaskId!)
    {
        EnablePbr = true,
        TexturePrompt = job.Options.TexturePrompt,
        AiModel = job.Options.AiModel,
    };
}
