using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Meshy3D.ServiceDefaults.Identity;

/// <summary>
/// The gateway is the only place that authenticates people; it forwards the caller to a service as a
/// short-lived token signed with a key only the platform knows (an Aspire secret parameter).
/// </summary>
public sealed class CallerTokenOptions
{
    public const string SectionName = "Identity";
    public const string Issuer = "meshy3d-gateway";
    public const string Audience = "meshy3d-services";

    /// <summary>HMAC-SHA256 key shared by the gateway and the services; at least 32 characters.</summary>
    [Required, MinLength(32)]
    public string SigningKey { get; set; } = "";

    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);

    public SymmetricSecurityKey SecurityKey() => new(Encoding.UTF8.GetBytes(SigningKey));
}

public static class CallerClaims
{
    /// <summary>Who is calling: an account id, or an anonymous browser's id ("anon-…").</summary>
    public const string Subject = "sub";

    /// <summary>"account" or "anonymous".</summary>
    public const string Kind = "caller_kind";

    public static string CallerId(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(Subject)
        ?? throw new InvalidOperationException("The request carries no caller; the endpoint must require authorization.");
}

/// <summary>Mints the token the gateway forwards (and that tests use to call a service as someone).</summary>
public sealed class CallerTokenIssuer(CallerTokenOptions options)
{
    readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = true };
    readonly SigningCredentials _credentials = new(options.SecurityKey(), SecurityAlgorithms.HmacSha256);

    public string Issue(string callerId, string kind)
    {
        var now = DateTime.UtcNow;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = CallerTokenOptions.Issuer,
            Audience = CallerTokenOptions.Audience,
            IssuedAt = now,
            NotBefore = now.AddSeconds(-5),
            Expires = now.Add(options.Lifetime),
            Claims = new Dictionary<string, object> { [CallerClaims.Subject] = callerId, [CallerClaims.Kind] = kind },
            SigningCredentials = _credentials,
        });
    }
}
