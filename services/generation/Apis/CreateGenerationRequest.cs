using Meshy3D.Contracts;

namespace Meshy3D.Generation.Apis;

/// <summary>
/// What the browser sends. Limits mirror Meshy's (prompt ≤ 600 characters, polycount 100–300,000,
/// its enum values) so a request Meshy would refuse fails here at once and costs no credits.
/// </summary>
public sealed record CreateGenerationRequest(
    string? Prompt,
    string? NegativePrompt = null,
    string? AiModel = null,
    string? ModelType = null,
    string? Topology = null,
    int? TargetPolycount = null,
    string? SymmetryMode = null,
    bool Texture = true,
    string? TexturePrompt = null,
    bool Enhance = true,
    string? Language = null,
    string? Visibility = null)
{
    public const int MaxPromptLength = 600;

    static readonly string[] AiModels = ["meshy-5", "meshy-6", "latest"];
    static readonly string[] ModelTypes = ["standard", "lowpoly"];
    static readonly string[] Topologies = ["quad", "triangle"];
    static readonly string[] SymmetryModes = ["off", "auto", "on"];
    static readonly string[] Languages = ["ko", "en"];
    static readonly string[] Visibilities = ["private", "unlisted", "public"];

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        if (string.IsNullOrWhiteSpace(Prompt)) Fail("prompt", "A prompt is required.");
        else if (Prompt.Trim().Length > MaxPromptLength) Fail("prompt", $"The prompt must be at most {MaxPromptLength} characters.");
        else if (Prompt.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) Fail("prompt", "The prompt contains control characters.");

        if (NegativePrompt?.Length > MaxPromptLength) Fail("negativePrompt", $"The negative prompt must be at most {MaxPromptLength} characters.");
        if (TexturePrompt?.Length > MaxPromptLength) Fail("texturePrompt", $"The texture prompt must be at most {MaxPromptLength} characters.");
        if (TargetPolycount is < 100 or > 300_000) Fail("targetPolycount", "The target polycount must be between 100 and 300000.");
        CheckOneOf("aiModel", AiModel, AiModels);
        CheckOneOf("modelType", ModelType, ModelTypes);
        CheckOneOf("topology", Topology, Topologies);
        CheckOneOf("symmetryMode", SymmetryMode, SymmetryModes);
        CheckOneOf("language", Language, Languages);
        CheckOneOf("visibility", Visibility, Visibilities);
        return errors;

        void CheckOneOf(string field, string? value, string[] allowed)
        {
            if (value is not null && !allowed.Contains(value))
                Fail(field, $"'{value}' is not one of: {string.Join(", ", allowed)}.");
        }
    }

    public GenerationOptions ToOptions() =>
        new(NegativePrompt, AiModel, ModelType, Topology, TargetPolycount, SymmetryMode, Texture, TexturePrompt);
}
