using System.Text;
using System.Text.Json;
using Meshy3D.Emulators.OpenAI.Model;

namespace Meshy3D.Emulators.OpenAI.Prompting;

/// <summary>
/// The parts of a chat the composer reads: the instructions (system and developer messages) and the
/// last user message, which is the only source of the subject. Assistant turns are ignored.
/// </summary>
public sealed record Conversation(string SystemText, string LastUserText, IReadOnlyList<string> Contents)
{
    public static Conversation From(IReadOnlyList<ChatMessage> messages)
    {
        var system = new StringBuilder();
        var lastUser = "";
        var contents = new List<string>(messages.Count);
        foreach (var message in messages)
        {
            var text = TextOf(message.Content);
            contents.Add(text);
            switch (message.Role)
            {
                case "system" or "developer":
                    system.Append(text).Append(' ');
                    break;
                case "user":
                    lastUser = text;
                    break;
            }
        }
        return new Conversation(system.ToString().Trim(), lastUser, contents);
    }

    /// <summary>Content is a string or an array of parts; only text parts carry words.</summary>
    public static string TextOf(JsonElement content)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString() ?? "";
            case JsonValueKind.Array:
                var builder = new StringBuilder();
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.String)
                        builder.Append(part.GetString()).Append(' ');
                    else if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                        builder.Append(text.GetString()).Append(' ');
                }
                return builder.ToString().Trim();
            default:
                return "";
        }
    }
}
