namespace Meshy3D.Prompt.Model;

/// <summary>
/// The walking skeleton's enhancer: it keeps the user's words and adds the seed's usual modelling
/// recommendations, on one line. The GPT-4o enhancer of the prompt issue replaces it.
/// </summary>
public sealed class TemplatePromptEnhancer : IPromptEnhancer
{
    public const string ModelName = "template-v0";

    public Task<EnhancementResult> EnhanceAsync(string prompt, string language, CancellationToken cancellationToken)
    {
        var idea = string.Join(' ', prompt.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        var enhanced = language == "en"
            ? $"{idea}, a detailed 3D model with clean topology, realistic proportions and PBR textures, neutral lighting, centred on its base."
            : $"{idea}, 깔끔한 토폴로지와 사실적인 비율, PBR 텍스처를 갖춘 디테일한 3D 모델, 중립적인 조명, 바닥 중심에 배치.";
        if (enhanced.Length > 500) enhanced = enhanced[..500];
        return Task.FromResult(new EnhancementResult(enhanced, ModelName, prompt.Length, enhanced.Length));
    }
}
