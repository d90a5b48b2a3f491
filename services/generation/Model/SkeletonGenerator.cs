using Meshy3D.Contracts;

namespace Meshy3D.Generation.Model;

/// <summary>
/// The walking skeleton's generation step: it completes at once with no Meshy assets, so the rest of
/// the chain (storage, scoring, the job's terminal state) runs on real infrastructure. The Meshy job
/// runner of the generation issue replaces it.
/// </summary>
public static class SkeletonGenerator
{
    public static GenerationSucceeded Generate(GenerationJob job, DateTimeOffset now) => job.Generated([], meshyTaskId: null, now);
}
