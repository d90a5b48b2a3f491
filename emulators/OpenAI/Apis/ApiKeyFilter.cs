using Microsoft.Extensions.Options;

namespace Meshy3D.Emulators.OpenAI.Apis;

/// <summary>Bearer-key check with OpenAI's 401 bodies; configured keys pass, and by default any "sk-emulator…" key.</summary>
internal sealed class ApiKeyFilter(IOptionsMonitor<OpenAIEmulatorOptions> options) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var settings = options.CurrentValue;
        if (!settings.RequireApiKey)
            return next(context);

        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= "Bearer ".Length)
            return ValueTask.FromResult<object?>(OpenAIErrors.MissingKey());

        var key = header["Bearer ".Length..].Trim();
        var accepted = settings.ApiKeys.Contains(key, StringComparer.Ordinal)
            || settings.ApiKeyPrefix.Length > 0 && key.StartsWith(settings.ApiKeyPrefix, StringComparison.Ordinal);
        return accepted ? next(context) : ValueTask.FromResult<object?>(OpenAIErrors.InvalidKey(key));
    }
}
