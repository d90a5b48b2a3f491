using Meshy3D.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Microsoft.Extensions.Hosting;

public static class CallerAuthenticationExtensions
{
    /// <summary>Services accept only the gateway's signed caller token; a request without one gets 401.</summary>
    public static IHostApplicationBuilder AddCallerAuthentication(this IHostApplicationBuilder builder)
    {
        builder.AddCallerTokenOptions();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<CallerTokenOptions>>((jwt, caller) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = CallerTokenOptions.Issuer,
                    ValidAudience = CallerTokenOptions.Audience,
                    IssuerSigningKey = caller.Value.SecurityKey(),
                    NameClaimType = CallerClaims.Subject,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });
        builder.Services.AddAuthorization();
        return builder;
    }

    public static IHostApplicationBuilder AddCallerTokenOptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CallerTokenOptions>()
            .BindConfiguration(CallerTokenOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new CallerTokenIssuer(sp.GetRequiredService<IOptions<CallerTokenOptions>>().Value));
        return builder;
    }
}
