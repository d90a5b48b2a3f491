namespace Meshy3D.Storage.Model;

public static class Titles
{
    public const int MaxLength = 80;

    /// <summary>A model's first title is its prompt, on one line and cut at a word.</summary>
    public static string FromPrompt(string prompt)
    {
        var line = string.Join(' ', prompt.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        if (line.Length <= MaxLength) return line;
        var cut = line.LastIndexOf(' ', MaxLength - 1);
        return (cut > MaxLength / 2 ? line[..cut] : line[..(MaxLength - 1)]) + "…";
    }
}
