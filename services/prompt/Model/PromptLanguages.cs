namespace Meshy3D.Prompt.Model;

/// <summary>The languages a prompt can be enhanced into; Korean first, as in the seed.</summary>
public static class PromptLanguages
{
    public const string Korean = "ko";
    public const string English = "en";

    public static bool IsSupported(string? code) => code is Korean or English;
}
