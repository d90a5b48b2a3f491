using Meshy3D.Prompt.Model;

namespace Meshy3D.Prompt.Apis;

public sealed record EnhanceRequest(string? Prompt, string? Language = null)
{
    public string LanguageOrDefault => Language ?? PromptLanguages.Korean;

    public Dictionary<string, string[]> Validate() => PromptInput.Validate(Prompt, Language);
}

public sealed record VariantsRequest(string? Prompt, int? N = null, string? Language = null)
{
    public const int DefaultCount = 3;
    public const int MaxCount = 5;

    public string LanguageOrDefault => Language ?? PromptLanguages.Korean;

    public Dictionary<string, string[]> Validate()
    {
        var errors = PromptInput.Validate(Prompt, Language);
        if (N is < 1 or > MaxCount) errors["n"] = [$"n must be between 1 and {MaxCount}."];
        return errors;
    }
}

/// <summary>What every prompt request must satisfy before any model call or write.</summary>
static class PromptInput
{
    public static Dictionary<string, string[]> Validate(string? prompt, string? language)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(prompt)) errors["prompt"] = ["A prompt is required."];
        else if (prompt.Length > PromptsApi.MaxPromptLength) errors["prompt"] = [$"The prompt must be at most {PromptsApi.MaxPromptLength} characters."];
        else if (prompt.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) errors["prompt"] = ["The prompt contains control characters."];
        if (language is not null && !PromptLanguages.IsSupported(language)) errors["language"] = ["language must be 'ko' or 'en'."];
        return errors;
    }
}
