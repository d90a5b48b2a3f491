using Meshy3D.Gateway.Identity;
using Meshy3D.Gateway.Streaming;
using Microsoft.AspNetCore.Authentication.Cookies;
using Yarp.ReverseProxy.Transforms;

namespace Meshy3D.Gateway.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddCallerTokenOptions();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = AnonymousCallers.CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromDays(365);
                options.SlidingExpiration = true;
                // An API caller without a cookie is given one, never redirected to a login page.
                options.Events.OnRedirectToLogin = ctx => { ctx.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
            });

        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver()
            .AddTransforms(transforms => transforms.AddRequestTransform(CallerForwarding.AttachCallerToken));

        builder.Services.AddOptions<JobStreamOptions>().BindConfiguration(JobStreamOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<JobStreamRelays>();
        var streams = builder.Services.AddHttpClient(JobStreamRelays.HttpClientName, http =>
        {
            http.BaseAddress = new Uri("http://generation");
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        // The relay reconnects by itself, as a browser would; a retry or timeout policy would only cut its long streams.
        // (Experimental, and the only way to drop the handler ConfigureHttpClientDefaults gives every client.)
#pragma warning disable EXTEXP0001
        streams.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }
}
