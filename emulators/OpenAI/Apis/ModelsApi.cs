using Meshy3D.Emulators.OpenAI.Model;
using Microsoft.Extensions.Options;

namespace Meshy3D.Emulators.OpenAI.Apis;

public static class ModelsApi
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in new[] { "/v1", "" })
        {
            app.MapGet($"{prefix}/models", ListModels).AddEndpointFilter<ApiKeyFilter>().WithTags("OpenAI");
            app.MapGet($"{prefix}/models/{{model}}", GetModel).AddEndpointFilter<ApiKeyFilter>().WithTags("OpenAI");
        }
        return app;
    }

    public static IResult ListModels(IOptionsMonitor<OpenAIEmulatorOptions> options) =>
        TypedResults.Json(new ModelList(options.CurrentValue.EffectiveModels.Select(ModelCatalog.Card).ToArray()), OpenAIWire.SerializerOptions);

    public static IResult GetModel(string model, IOptionsMonitor<OpenAIEmulatorOptions> options) =>
        ModelCatalog.Accepts(options.CurrentValue, model)
            ? TypedResults.Json(ModelCatalog.Card(model), OpenAIWire.SerializerOptions)
            : OpenAIErrors.ModelNotFound(model);
}

internal static class ModelCatalog
{
    // A fixed date keeps /v1/models byte-identical between runs.
    private static readonly long Created = new DateTimeOffset(2024, 5, 13, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    public static ModelCard Card(string id) => new(id, Created, "openai");

    /// <summary>A configured id, or a dated snapshot of one ("gpt-4o-2024-08-06").</summary>
    public static bool Accepts(OpenAIEmulatorOptions options, string model) =>
        options.EffectiveModels.Any(known =>
            string.Equals(known, model, StringComparison.Ordinal)
            || model.Length > known.Length + 1 && model.StartsWith(known + "-", StringComparison.Ordinal) && char.IsAsciiDigit(model[known.Length + 1]));
}
