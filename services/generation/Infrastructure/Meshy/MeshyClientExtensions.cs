using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Meshy3D.Generation.Infrastructure.Meshy;

public static class MeshyClientExtensions
{
    /// <summary>
    /// Registers <see cref="MeshyOptions"/> (validated at start-up) and the typed <see cref="MeshyClient"/> with its own
    /// resilience in place of the standard handler from the service defaults, which would retry creates blindly
    /// and cut streams with its total timeout. Returns the client builder so the caller can add inner handlers
    /// (they then run once per attempt).
    /// </summary>
    public static IHttpClientBuilder AddMeshyClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MeshyOptions>()
            .BindConfiguration(MeshyOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);

        var client = builder.Services.AddHttpClient<MeshyClient>((services, http) =>
        {
            var options = services.GetRequiredService<IOptions<MeshyOptions>>().Value;
            // A trailing slash keeps a base path (a proxy's /meshy/) when the relative task paths are appended.
            var baseUrl = options.BaseUrl!.ToString();
            http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
            // Attempts are bounded by the pipeline's RequestTimeout and streams by StreamIdleTimeout.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });

        // Experimental in Microsoft.Extensions.Http.Resilience, and the only way to drop a handler that
        // ConfigureHttpClientDefaults added to every client.
#pragma warning disable EXTEXP0001
        client.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        client.AddResilienceHandler("meshy", static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<MeshyOptions>>().Value;
            if (options.MaxRetries > 0) pipeline.AddRetry(RetryOptions(options));
            pipeline.AddTimeout(new HttpTimeoutStrategyOptions
            {
                TimeoutGenerator = args => ValueTask.FromResult(
                    MeshyClient.IsStream(args.Context.GetRequestMessage()) ? Timeout.InfiniteTimeSpan : options.RequestTimeout),
            });
        });
        // Inside the attempt: the body is read under the attempt's timeout, and a body cut short is retried like any failure.
        client.AddHttpMessageHandler(() => new BufferingHandler());
        return client;
    }

    static HttpRetryStrategyOptions RetryOptions(MeshyOptions options) => new()
    {
        MaxRetryAttempts = options.MaxRetries,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = options.RetryBaseDelay,
        MaxDelay = options.MaxRetryDelay,
        // 5xx, 408, 429, HttpRequestException and attempt timeouts, but only for requests that are safe to repeat.
        // A create is never repeated here: its caller must first look up whether the lost attempt made a task.
        // A Retry-After longer than MaxRetryDelay is left to the caller rather than waited out here.
        ShouldHandle = args => ValueTask.FromResult(
            IsSafeToRepeat(args.Context)
            && HttpClientResiliencePredicates.IsTransient(args.Outcome)
            && !(RetryAfter(args.Outcome.Result) > options.MaxRetryDelay)),
        DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
    };

    static bool IsSafeToRepeat(ResilienceContext context) =>
        context.GetRequestMessage()?.Method is { } method && (method == HttpMethod.Get || method == HttpMethod.Delete);

    static TimeSpan? RetryAfter(HttpResponseMessage? response) =>
        response is null ? null : MeshyApiException.ReadRetryAfter(response.Headers.RetryAfter, TimeProvider.System);

    /// <summary>Reads the whole body of a non-stream response before the attempt ends.</summary>
    sealed class BufferingHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (MeshyClient.IsStream(request)) return response;
            try
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                return response;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
    }
}
