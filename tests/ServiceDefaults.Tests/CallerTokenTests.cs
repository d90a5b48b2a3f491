using Meshy3D.ServiceDefaults.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Meshy3D.ServiceDefaults.Tests;

public sealed class CallerTokenTests
{
    static readonly CallerTokenOptions Options = new() { SigningKey = new string('k', 48) };

    static Task<TokenValidationResult> ValidateAsync(string token, CallerTokenOptions options) =>
        new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = CallerTokenOptions.Issuer,
            ValidAudience = CallerTokenOptions.Audience,
            IssuerSigningKey = options.SecurityKey(),
        });

    [Fact]
    public async Task A_token_carries_the_caller_and_validates_with_the_platform_key()
    {
        var token = new CallerTokenIssuer(Options).Issue("anon-42", "anonymous");
        var result = await ValidateAsync(token, Options);
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("anon-42", result.Claims[CallerClaims.Subject]);
        Assert.Equal("anonymous", result.Claims[CallerClaims.Kind]);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var token = new CallerTokenIssuer(new CallerTokenOptions { SigningKey = new string('x', 48) }).Issue("anon-42", "anonymous");
        Assert.False((await ValidateAsync(token, Options)).IsValid);
    }

    [Fact]
    public void Tokens_are_short_lived()
    {
        var token = new JsonWebToken(new CallerTokenIssuer(Options).Issue("a", "account"));
        Assert.InRange(token.ValidTo - token.IssuedAt, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(6));
    }
}
