using System.Text.Json;
using Meshy3D.Emulators.OpenAI.Faults;
using Meshy3D.Emulators.OpenAI.Model;
using Meshy3D.Emulators.OpenAI.Prompting;
using Meshy3D.Emulators.OpenAI.Recording;
using Microsoft.Extensions.Options;

namespace Meshy3D.Emulators.OpenAI.Apis;

public static class ChatCompletionsApi
{
    /// <summary>Both paths, because SDK endpoint settings differ on whether "/v1" belongs to the base address.</summary>
    public static IEndpointRouteBuilder MapChatCompletionsApi(this IEndpointRouteBuilder app)
    {
        foreach (var path in new[] { "/v1/chat/completions", "/chat/completions" })
        {
            app.MapPost(path, CreateChatCompletion)
                .AddEndpointFilter<RequestRecordingFilter>()
                .AddEndpointFilter<ApiKeyFilter>()
                .WithTags("OpenAI");
        }
        return app;
    }

    public static async Task<IResult> CreateChatCompletion(
        HttpContext context,
        FaultSchedule faults,
        CompletionWriter writer,
        IOptionsMonitor<OpenAIEmulatorOptions> options,
        TimeProvider time)
    {
        var settings = options.CurrentValue;
        ChatCompletionRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<ChatCompletionRequest>(context.Request.Body, OpenAIWire.SerializerOptions, context.RequestAborted);
        }
        catch (JsonException exception)
        {
            return OpenAIErrors.BadRequest(
                $"We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload.) {exception.Message}");
        }
        if (request is null)
            return OpenAIErrors.BadRequest("We could not parse the JSON body of your request. The OpenAI API expects a JSON payload.");

        if (ChatCompletionRequestValidator.Validate(request, settings) is { } invalid)
            return invalid;
        if (!ModelCatalog.Accepts(settings, request.Model!))
            return OpenAIErrors.ModelNotFound(request.Model!);

        // Faults are taken only by valid requests, so a client bug (400/401/404) never eats an armed fault.
        var fault = faults.TakeNext();
        if (fault is not null && context.RecordedRequest() is { } recorded)
            recorded.Fault = fault.Kind.ToWireName();

        switch (fault?.Kind)
        {
            case FaultKind.RateLimit:
                return OpenAIErrors.RateLimited(context, request.Model!, fault.RetryAfterSeconds ?? settings.RetryAfterSeconds);
            case FaultKind.ServerError:
                return OpenAIErrors.ServerError(fault.StatusCode ?? StatusCodes.Status500InternalServerError);
            case FaultKind.Timeout when !await Stall(fault.DelayMs ?? settings.TimeoutFaultDelayMs, time, context.RequestAborted):
                return Results.StatusCode(ClientClosedRequest);
        }
        if (settings.ResponseDelayMs > 0 && !await Stall(settings.ResponseDelayMs, time, context.RequestAborted))
            return Results.StatusCode(ClientClosedRequest);

        var choices = writer.Write(request, fault?.Kind);
        var id = "chatcmpl-" + Guid.NewGuid().ToString("N")[..24];
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        var usage = new Usage
        {
            PromptTokens = TokenEstimate.OfMessages(request.Messages!.Select(m => Conversation.TextOf(m.Content))),
            CompletionTokens = choices.Sum(c => TokenEstimate.Of(c.Content)),
        };

        if (request.Stream == true)
        {
            var includeUsage = request.StreamOptions?.IncludeUsage == true;
            return new ChatCompletionStreamResult(id, created, request.Model!, choices, includeUsage ? usage : null, settings.StreamChunkLength);
        }

        var completion = new ChatCompletion
        {
            Id = id,
            Created = created,
            Model = request.Model!,
            Choices = choices.Select((c, i) => new ChatChoice
            {
                Index = i,
                Message = new AssistantMessage { Content = c.Content },
                FinishReason = c.FinishReason,
            }).ToArray(),
            Usage = usage,
        };
        return TypedResults.Json(completion, OpenAIWire.SerializerOptions);
    }

    // nginx's "client closed request": logged when a timeout fault outlives the client.
    private const int ClientClosedRequest = 499;

    /// <returns>false when the client went away first.</returns>
    private static async Task<bool> Stall(int milliseconds, TimeProvider time, CancellationToken aborted)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(milliseconds), time, aborted);
            return true;
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return false;
        }
    }
}
