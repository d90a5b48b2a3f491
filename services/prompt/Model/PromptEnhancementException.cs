namespace Meshy3D.Prompt.Model;

public enum EnhancementFailure
{
    /// <summary>The model could not be reached in time: rate limited, down, too slow. Worth trying later.</summary>
    Unavailable,
    /// <summary>The model answered, but nothing usable: rules still broken after a second try, or the request refused.</summary>
    UnusableAnswer,
}

/// <summary>
/// Enhancement failed for a reason worth telling the caller: the API answers it as a problem (503/502), the
/// pipeline announces it as <c>PromptEnhancementFailed</c> and the job goes on with the original prompt.
/// </summary>
public sealed class PromptEnhancementException(EnhancementFailure failure, string reason, Exception? inner = null)
    : Exception(reason, inner)
{
    public EnhancementFailure Failure { get; } = failure;
    public string Reason => Message;
}
