namespace Meshy3D.Emulators.OpenAI.Model;

/// <summary>OpenAI's error envelope: {"error":{"message","type","param","code"}}.</summary>
public sealed record OpenAIErrorEnvelope(OpenAIError Error);

public sealed record OpenAIError(string Message, string Type, string? Param = null, string? Code = null);
