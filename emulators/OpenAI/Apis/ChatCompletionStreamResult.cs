using System.Text.Json;
using Meshy3D.Emulators.OpenAI.Model;
using Meshy3D.Emulators.OpenAI.Prompting;
using Microsoft.AspNetCore.Http.Features;

namespace Meshy3D.Emulators.OpenAI.Apis;

/// <summary>
/// The streamed form of a completion, as server-sent events: per choice a role chunk, content deltas and a
/// finish_reason chunk; then, with stream_options.include_usage, a usage chunk with no choices; then [DONE].
/// </summary>
internal sealed class ChatCompletionStreamResult(
    string id, long created, string model, IReadOnlyList<WrittenChoice> choices, Usage? usage, int chunkLength)
    : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var aborted = httpContext.RequestAborted;

        try
        {
            for (var index = 0; index < choices.Count; index++)
            {
                var choice = choices[index];
                await Send(Chunk(index, new ChunkDelta { Role = "assistant", Content = "" }, null));
                foreach (var piece in Pieces(choice.Content, chunkLength))
                    await Send(Chunk(index, new ChunkDelta { Content = piece }, null));
                await Send(Chunk(index, new ChunkDelta(), choice.FinishReason));
            }

            if (usage is not null)
                await Send(new ChatCompletionChunk { Id = id, Created = created, Model = model, Choices = [], Usage = usage });

            await response.WriteAsync("data: [DONE]\n\n", aborted);
            await response.Body.FlushAsync(aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client stopped reading mid-stream (its own timeout or cancellation): nothing left to tell it.
        }

        async Task Send(ChatCompletionChunk chunk)
        {
            await response.WriteAsync("data: " + JsonSerializer.Serialize(chunk, OpenAIWire.SerializerOptions) + "\n\n", aborted);
            await response.Body.FlushAsync(aborted);
        }
    }

    private ChatCompletionChunk Chunk(int index, ChunkDelta delta, string? finishReason) => new()
    {
        Id = id,
        Created = created,
        Model = model,
        Choices = [new ChunkChoice { Index = index, Delta = delta, FinishReason = finishReason }],
    };

    private static IEnumerable<string> Pieces(string content, int length)
    {
        for (var start = 0; start < content.Length;)
        {
            var take = Math.Min(length, content.Length - start);
            if (start + take < content.Length && char.IsHighSurrogate(content[start + take - 1]))
                take++; // never split a surrogate pair across two deltas
            yield return content.Substring(start, take);
            start += take;
        }
    }
}
