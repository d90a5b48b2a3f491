using System.Text.Json;
using System.Text.Json.Nodes;

namespace Meshy3D.Emulators.OpenAI.Prompting;

/// <summary>What schema fields are filled with: variant i of the enhancement, and facts about the request.</summary>
public sealed class InstanceFacts
{
    public required Func<int, EnhancedPrompt> Variant { get; init; }
    public required RequestAnalysis Analysis { get; init; }
    public required PromptLanguage Language { get; init; }

    /// <summary>How many variants the conversation asked for, if it said.</summary>
    public required int? RequestedCount { get; init; }

    public required int MaxVariants { get; init; }

    /// <summary>First variant index, so the n choices of one request do not repeat each other.</summary>
    public int FirstVariant { get; init; }
}

/// <summary>
/// Produces a JSON instance that conforms to a response_format JSON Schema, filling fields by meaning:
/// "prompt"-like strings get the enhanced prompt, "rationale"-like ones its reason, "style", "language",
/// "original", "keywords"… Arrays of objects are variant lists: their length is the requested count clamped
/// to minItems/maxItems, and each item is a different variant. Handles object, array, string, number, integer,
/// boolean, null, enum, const, anyOf/oneOf/allOf, nullable type arrays and local $ref ($defs/definitions).
/// </summary>
public sealed class JsonSchemaInstanceGenerator(JsonElement root, InstanceFacts facts)
{
    private const int MaxDepth = 24;
    private const int DefaultVariantCount = 3;

    public JsonNode? Generate() => Generate(root, name: null, variant: facts.FirstVariant, item: 0, promptSlotTaken: false, depth: 0);

    /// <summary>The schema used for json_object requests, which carry no schema of their own.</summary>
    public static JsonElement DefaultSchema(bool variants) => JsonDocument.Parse(variants
        ? """{"type":"object","properties":{"variants":{"type":"array","items":{"type":"object","properties":{"prompt":{"type":"string"},"rationale":{"type":"string"},"style":{"type":"string"}}}}}}"""
        : """{"type":"object","properties":{"prompt":{"type":"string"},"rationale":{"type":"string"},"style":{"type":"string"},"language":{"type":"string"}}}""").RootElement;

    private JsonNode? Generate(JsonElement schema, string? name, int variant, int item, bool promptSlotTaken, int depth)
    {
        if (depth > MaxDepth)
            return null;
        if (schema.ValueKind == JsonValueKind.True || schema.ValueKind != JsonValueKind.Object)
            return JsonValue.Create(facts.Analysis.SubjectLabel(facts.Language));

        if (schema.TryGetProperty("$ref", out var reference) && Resolve(reference.GetString()) is { } target)
            return Generate(target, name, variant, item, promptSlotTaken, depth + 1);
        if (schema.TryGetProperty("const", out var constant))
            return JsonNode.Parse(constant.GetRawText());
        if (schema.TryGetProperty("enum", out var choices) && choices.ValueKind == JsonValueKind.Array)
            return PickEnum(choices, name, variant);
        foreach (var combinator in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var branches) && branches.ValueKind == JsonValueKind.Array
                && branches.EnumerateArray().FirstOrDefault(b => !IsNullSchema(b)) is { ValueKind: JsonValueKind.Object } branch)
                return Generate(branch, name, variant, item, promptSlotTaken, depth + 1);
        }

        return TypeOf(schema) switch
        {
            "object" => GenerateObject(schema, variant, depth),
            "array" => GenerateArray(schema, name, variant, depth),
            "integer" => GenerateNumber(schema, name, variant, integer: true),
            "number" => GenerateNumber(schema, name, variant, integer: false),
            "boolean" => JsonValue.Create(true),
            "null" => null,
            _ => GenerateString(schema, name, variant, item, promptSlotTaken),
        };
    }

    private JsonObject GenerateObject(JsonElement schema, int variant, int depth)
    {
        var result = new JsonObject();
        if (!schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
            return result;

        // Strict schemas require every property, so all are written, not only "required" ones.
        var promptSlotTaken = properties.EnumerateObject().Any(p => FieldMeaning.Of(p.Name) == FieldKind.Prompt);
        foreach (var property in properties.EnumerateObject())
            result[property.Name] = Generate(property.Value, property.Name, variant, item: 0, promptSlotTaken, depth + 1);
        return result;
    }

    private JsonArray GenerateArray(JsonElement schema, string? name, int variant, int depth)
    {
        var items = schema.TryGetProperty("items", out var itemSchema) ? itemSchema : default;
        var resolvedItems = items.ValueKind == JsonValueKind.Object ? ResolveFully(items) : items;
        var isVariantList = FieldMeaning.IsVariantList(name) || resolvedItems.ValueKind == JsonValueKind.Object
            && (resolvedItems.TryGetProperty("properties", out _) || TypeOf(resolvedItems) == "object");

        var min = IntOf(schema, "minItems");
        var max = IntOf(schema, "maxItems");
        var count = isVariantList
            ? Math.Clamp(facts.RequestedCount ?? DefaultVariantCount, min ?? 1, Math.Max(min ?? 1, Math.Min(max ?? facts.MaxVariants, facts.MaxVariants)))
            : Math.Clamp(DefaultVariantCount, min ?? 0, Math.Max(min ?? 0, max ?? 5));

        var result = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var element = items.ValueKind == JsonValueKind.Undefined
                ? JsonValue.Create(facts.Variant(variant + i).Text)
                : isVariantList
                    // A list of plain strings named "prompts"/"variants" holds the prompts themselves.
                    ? Generate(items, TypeOf(resolvedItems) == "object" ? null : "prompt", variant + i, i, promptSlotTaken: false, depth + 1)
                    // Other lists ("keywords", "materials") hold short words, never the whole prompt.
                    : Generate(items, Singular(name), variant, i, promptSlotTaken: true, depth + 1);
            result.Add(element);
        }
        return result;
    }

    private JsonNode GenerateString(JsonElement schema, string? name, int variant, int item, bool promptSlotTaken)
    {
        var enhanced = facts.Variant(variant);
        var language = enhanced.Language;
        var text = (FieldMeaning.Of(name), promptSlotTaken) switch
        {
            (FieldKind.Prompt, _) => enhanced.Text,
            (FieldKind.Rationale, _) => enhanced.Rationale,
            (FieldKind.Style, _) => enhanced.StyleName,
            (FieldKind.Language, _) => language.ToCode(),
            (FieldKind.Original, _) => facts.Analysis.Original,
            (FieldKind.Subject, _) => facts.Analysis.SubjectLabel(language),
            (FieldKind.Keyword, _) => Keyword(enhanced, item),
            (FieldKind.Identifier, _) => $"variant-{variant + 1}",
            (FieldKind.Unknown, false) when name is not null => enhanced.Text,
            _ => Keyword(enhanced, item),
        };

        text = schema.TryGetProperty("format", out var format) ? Formatted(format.GetString(), text, variant) : text;
        if (IntOf(schema, "maxLength") is { } maxLength)
            text = TextFitting.CutAtWord(text, maxLength);
        if (IntOf(schema, "minLength") is { } minLength && text.Length < minLength)
            text = text.PadRight(minLength, '.');
        return JsonValue.Create(text);
    }

    private string Keyword(EnhancedPrompt enhanced, int item)
    {
        var keywords = facts.Analysis.Keywords(enhanced.Language, enhanced.Style);
        return item < keywords.Count ? keywords[item] : $"{keywords[item % keywords.Count]} {item / keywords.Count + 1}";
    }

    private static string Formatted(string? format, string text, int variant) => format switch
    {
        "date-time" => DateTimeOffset.UnixEpoch.AddDays(20000 + variant).ToString("O"),
        "date" => DateOnly.FromDayNumber(730000 + variant).ToString("yyyy-MM-dd"),
        "uri" or "url" => $"https://emulator.invalid/variants/{variant + 1}",
        "email" => $"variant{variant + 1}@emulator.invalid",
        "uuid" => new Guid((int)StableHash.Of(text), 0, 0, new byte[8]).ToString(),
        _ => text,
    };

    private JsonNode GenerateNumber(JsonElement schema, string? name, int variant, bool integer)
    {
        var min = DoubleOf(schema, "minimum") ?? DoubleOf(schema, "exclusiveMinimum") + (integer ? 1 : 0.01);
        var max = DoubleOf(schema, "maximum") ?? DoubleOf(schema, "exclusiveMaximum") - (integer ? 1 : 0.01);
        var enhanced = facts.Variant(variant);

        double value = FieldMeaning.Of(name) switch
        {
            FieldKind.Score => integer ? (max ?? 10) - variant : (max ?? 1.0) * (0.92 - 0.04 * variant),
            FieldKind.Ordinal => variant + 1,
            FieldKind.Length => enhanced.Text.Length,
            FieldKind.Tokens => TokenEstimate.Of(enhanced.Text),
            _ => min ?? 0,
        };
        if (min is not null) value = Math.Max(value, min.Value);
        if (max is not null) value = Math.Min(value, max.Value);
        return integer ? JsonValue.Create((long)Math.Round(value)) : JsonValue.Create(Math.Round(value, 2));
    }

    private JsonNode? PickEnum(JsonElement choices, string? name, int variant)
    {
        var values = choices.EnumerateArray().Where(v => v.ValueKind != JsonValueKind.Null).ToArray();
        if (values.Length == 0)
            return null;

        var enhanced = facts.Variant(variant);
        var wanted = FieldMeaning.Of(name) switch
        {
            FieldKind.Language => enhanced.Language.ToCode(),
            FieldKind.Style => enhanced.StyleName,
            _ => null,
        };
        if (wanted is not null)
        {
            var squashedWanted = Squash(wanted);
            var hit = values.FirstOrDefault(v => v.ValueKind == JsonValueKind.String && Squash(v.GetString()!) is var s
                && (s.StartsWith(squashedWanted, StringComparison.Ordinal) || squashedWanted.StartsWith(s, StringComparison.Ordinal) || s == StyleAlias(enhanced.Style)));
            if (hit.ValueKind != JsonValueKind.Undefined)
                return JsonNode.Parse(hit.GetRawText());
        }
        return JsonNode.Parse(values[variant % values.Length].GetRawText());
    }

    private static string Squash(string text) => new string(text.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();

    private static string StyleAlias(ModellingStyle style) => style switch
    {
        ModellingStyle.Stylised => "stylized",
        ModellingStyle.HandPainted => "handpainted",
        _ => style.ToString().ToLowerInvariant(),
    };

    private static string TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
            return schema.TryGetProperty("properties", out _) ? "object" : schema.TryGetProperty("items", out _) ? "array" : "string";
        if (type.ValueKind == JsonValueKind.String)
            return type.GetString()!;
        if (type.ValueKind == JsonValueKind.Array)
            return type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t is not null and not "null") ?? "null";
        return "string";
    }

    private static bool IsNullSchema(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var type)
        && type.ValueKind == JsonValueKind.String && type.GetString() == "null";

    private JsonElement ResolveFully(JsonElement schema)
    {
        for (var hops = 0; hops < MaxDepth && schema.TryGetProperty("$ref", out var reference) && Resolve(reference.GetString()) is { } target; hops++)
            schema = target;
        return schema;
    }

    /// <summary>Local references only ("#", "#/$defs/x", "#/definitions/x", any JSON pointer into the schema).</summary>
    private JsonElement? Resolve(string? reference)
    {
        if (reference is null || !reference.StartsWith('#'))
            return null;
        var current = root;
        foreach (var segment in reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var key = Uri.UnescapeDataString(segment).Replace("~1", "/").Replace("~0", "~");
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(key, out var next))
                current = next;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(key, out var index) && index < current.GetArrayLength())
                current = current[index];
            else
                return null;
        }
        return current;
    }

    private static int? IntOf(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    private static double? DoubleOf(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static string? Singular(string? name) => name is { Length: > 1 } && name.EndsWith('s') ? name[..^1] : name;
}

internal enum FieldKind
{
    Unknown,
    Prompt,
    Rationale,
    Style,
    Language,
    Original,
    Subject,
    Keyword,
    Identifier,
    Score,
    Ordinal,
    Length,
    Tokens,
}

/// <summary>Guesses what a schema property is for from its name (snake_case, camelCase and kebab-case alike).</summary>
internal static class FieldMeaning
{
    private static readonly Dictionary<string, FieldKind> Names = new(StringComparer.Ordinal)
    {
        ["prompt"] = FieldKind.Prompt, ["enhanced"] = FieldKind.Prompt, ["enhancedprompt"] = FieldKind.Prompt,
        ["text"] = FieldKind.Prompt, ["content"] = FieldKind.Prompt, ["description"] = FieldKind.Prompt,
        ["value"] = FieldKind.Prompt, ["output"] = FieldKind.Prompt, ["result"] = FieldKind.Prompt,
        ["answer"] = FieldKind.Prompt, ["body"] = FieldKind.Prompt, ["prompttext"] = FieldKind.Prompt,
        ["improvedprompt"] = FieldKind.Prompt, ["variantprompt"] = FieldKind.Prompt, ["modelprompt"] = FieldKind.Prompt,
        ["rationale"] = FieldKind.Rationale, ["reason"] = FieldKind.Rationale, ["reasoning"] = FieldKind.Rationale,
        ["explanation"] = FieldKind.Rationale, ["why"] = FieldKind.Rationale, ["justification"] = FieldKind.Rationale,
        ["note"] = FieldKind.Rationale, ["notes"] = FieldKind.Rationale, ["comment"] = FieldKind.Rationale, ["summary"] = FieldKind.Rationale,
        ["style"] = FieldKind.Style, ["stylename"] = FieldKind.Style, ["title"] = FieldKind.Style, ["name"] = FieldKind.Style,
        ["label"] = FieldKind.Style, ["emphasis"] = FieldKind.Style, ["approach"] = FieldKind.Style, ["focus"] = FieldKind.Style,
        ["theme"] = FieldKind.Style,
        ["language"] = FieldKind.Language, ["lang"] = FieldKind.Language, ["locale"] = FieldKind.Language, ["languagecode"] = FieldKind.Language,
        ["original"] = FieldKind.Original, ["originalprompt"] = FieldKind.Original, ["input"] = FieldKind.Original,
        ["request"] = FieldKind.Original, ["source"] = FieldKind.Original, ["userprompt"] = FieldKind.Original, ["query"] = FieldKind.Original,
        ["subject"] = FieldKind.Subject, ["object"] = FieldKind.Subject, ["asset"] = FieldKind.Subject, ["noun"] = FieldKind.Subject,
        ["keyword"] = FieldKind.Keyword, ["keywords"] = FieldKind.Keyword, ["tag"] = FieldKind.Keyword, ["tags"] = FieldKind.Keyword,
        ["id"] = FieldKind.Identifier, ["key"] = FieldKind.Identifier, ["slug"] = FieldKind.Identifier,
        ["score"] = FieldKind.Score, ["confidence"] = FieldKind.Score, ["quality"] = FieldKind.Score, ["rating"] = FieldKind.Score,
        ["probability"] = FieldKind.Score, ["weight"] = FieldKind.Score,
        ["index"] = FieldKind.Ordinal, ["rank"] = FieldKind.Ordinal, ["position"] = FieldKind.Ordinal, ["order"] = FieldKind.Ordinal,
        ["number"] = FieldKind.Ordinal,
        ["length"] = FieldKind.Length, ["charcount"] = FieldKind.Length, ["characters"] = FieldKind.Length, ["chars"] = FieldKind.Length,
        ["tokens"] = FieldKind.Tokens, ["tokencount"] = FieldKind.Tokens,
    };

    private static readonly HashSet<string> VariantLists = new(StringComparer.Ordinal)
    {
        "variants", "candidates", "prompts", "options", "alternatives", "suggestions", "results", "enhancements",
        "choices", "versions", "items", "variations",
    };

    public static FieldKind Of(string? name) =>
        name is null ? FieldKind.Unknown : Names.GetValueOrDefault(Normalise(name), FieldKind.Unknown);

    public static bool IsVariantList(string? name) => name is not null && VariantLists.Contains(Normalise(name));

    private static string Normalise(string name) => name.Replace("_", "").Replace("-", "").ToLowerInvariant();
}
