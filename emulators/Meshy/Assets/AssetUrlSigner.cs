using System.Security.Cryptography;
using System.Text;
using Meshy3D.Emulators.Meshy.Model;
using Microsoft.AspNetCore.WebUtilities;

namespace Meshy3D.Emulators.Meshy.Assets;

public enum SignatureCheck { Valid, Missing, Expired, Invalid }

/// <summary>
/// CloudFront-style signed asset URLs: <c>Expires</c> (unix seconds) and an HMAC-SHA256 over the
/// path and expiry. The key is random per start unless configured, so URLs die with the process.
/// </summary>
public sealed class AssetUrlSigner
{
    private readonly byte[] _key;
    private readonly EmulatorSettings _settings;
    private readonly TimeProvider _time;

    public AssetUrlSigner(EmulatorSettings settings, TimeProvider time)
    {
        _settings = settings;
        _time = time;
        var configured = settings.Options.AssetSigningKey;
        _key = string.IsNullOrEmpty(configured) ? RandomNumberGenerator.GetBytes(32) : Encoding.UTF8.GetBytes(configured);
    }

    public string Sign(string baseUrl, string taskId, string fileName)
    {
        var lifetime = _settings.AssetUrlLifetime;
        var expires = (long)Math.Ceiling((_time.GetUtcNow() + lifetime).ToUnixTimeMilliseconds() / 1000.0);
        var signature = Signature(taskId, fileName, expires);
        return $"{baseUrl.TrimEnd('/')}/assets/{Uri.EscapeDataString(taskId)}/{Uri.EscapeDataString(fileName)}?Expires={expires}&Signature={signature}";
    }

    public SignatureCheck Check(string taskId, string fileName, string? expires, string? signature)
    {
        if (string.IsNullOrEmpty(expires) || string.IsNullOrEmpty(signature)) return SignatureCheck.Missing;
        if (!long.TryParse(expires, out var expiresAt)) return SignatureCheck.Invalid;
        var expected = Encoding.ASCII.GetBytes(Signature(taskId, fileName, expiresAt));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature))) return SignatureCheck.Invalid;
        return _time.GetUtcNow().ToUnixTimeSeconds() >= expiresAt ? SignatureCheck.Expired : SignatureCheck.Valid;
    }

    private string Signature(string taskId, string fileName, long expires) =>
        WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{taskId}/{fileName}\n{expires}")));
}
