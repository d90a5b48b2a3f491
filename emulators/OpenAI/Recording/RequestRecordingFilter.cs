using System.Text;

namespace Meshy3D.Emulators.OpenAI.Recording;

/// <summary>
/// Records every call to an OpenAI endpoint, even those later refused (401, 400), so a test can count
/// how many attempts a client's retry policy really made.
/// </summary>
internal sealed class RequestRecordingFilter(RequestLog log) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Request.EnableBuffering();
        string body;
        using (var reader = new StreamReader(http.Request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true))
            body = await reader.ReadToEndAsync(http.RequestAborted);
        http.Request.Body.Position = 0;

        var entry = log.Record(http.Request.Method, http.Request.Path, body);
        http.Items[typeof(RecordedRequest)] = entry;

        var result = await next(context);
        entry.StatusCode = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : http.Response.StatusCode;
        return result;
    }
}

internal static class RecordedRequestHttpContextExtensions
{
    public static RecordedRequest? RecordedRequest(this HttpContext context) =>
        context.Items.TryGetValue(typeof(RecordedRequest), out var value) ? value as RecordedRequest : null;
}
