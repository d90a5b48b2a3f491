using System.Security.Claims;
using Meshy3D.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Meshy3D.Gateway.Identity;

/// <summary>
/// Until accounts exist, each browser gets an anonymous identity in a signed, HTTP-only cookie, and is
/// forwarded to the services exactly like an account would be; accounts later change the gateway alone.
/// </summary>
public static class AnonymousCallers
{
    public const string CookieName = "meshy3d.caller";
    public const string AnonymousKind = "anonymous";

    public static IApplicationBuilder UseAnonymousCallers(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated != true && context.Request.Path.StartsWithSegments("/api"))
        {
            var principal = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(CallerClaims.Subject, $"anon-{Guid.NewGuid():N}"), new Claim(CallerClaims.Kind, AnonymousKind)],
                CookieAuthenticationDefaults.AuthenticationScheme, CallerClaims.Subject, null));
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            context.User = principal;
        }
        await next(context);
    });
}

/// <summary>Who a request comes from, as the services are told.</summary>
public sealed record Caller(string Id, string Kind)
{
    public static Caller Of(ClaimsPrincipal user) => new(user.CallerId(), user.FindFirstValue(CallerClaims.Kind) ?? AnonymousCallers.AnonymousKind);

    /// <summary>The gateway's own short-lived token for this caller, which is all a service trusts.</summary>
    public string Token(CallerTokenIssuer issuer) => issuer.Issue(Id, Kind);
}

/// <summary>Replaces whatever Authorization a browser sent with the gateway's own short-lived caller token.</summary>
public static class CallerForwarding
{
    public static ValueTask AttachCallerToken(Yarp.ReverseProxy.Transforms.RequestTransformContext context)
    {
        context.ProxyRequest.Headers.Authorization = null;
        var user = context.HttpContext.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            var issuer = context.HttpContext.RequestServices.GetRequiredService<CallerTokenIssuer>();
            context.ProxyRequest.Headers.Authorization = new("Bearer", Caller.Of(user).Token(issuer));
        }
        return ValueTask.CompletedTask;
    }
}
