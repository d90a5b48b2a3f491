using System.Text;

namespace Meshy3D.Emulators.OpenAI.Prompting;

/// <summary>
/// FNV-1a over UTF-8: unlike string.GetHashCode it is the same in every process, so the same
/// request always picks the same phrasings, across restarts and machines.
/// </summary>
internal static class StableHash
{
    public static uint Of(params string[] parts)
    {
        var hash = 2166136261u;
        foreach (var part in parts)
        {
            foreach (var b in Encoding.UTF8.GetBytes(part))
            {
                hash ^= b;
                hash *= 16777619u;
            }
            hash ^= 0x1F; // separator, so ("ab","c") and ("a","bc") differ
            hash *= 16777619u;
        }
        return hash;
    }
}
