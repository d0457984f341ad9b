using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace FunctionsFlow.Storage.Pipeline;

/// <summary>A span per storage call (retries included) from the <see cref="StorageTelemetry.Name"/> source: method,
/// service host and path (never the query, which could carry a signature), status and request id.</summary>
internal sealed class StorageTelemetryPolicy : HttpPipelinePolicy
{
    public static StorageTelemetryPolicy Instance { get; } = new();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        using var span = Start(message);
        ProcessNext(message, pipeline);
        Finish(span, message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        using var span = Start(message);
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        Finish(span, message);
    }

    private static Activity? Start(HttpMessage message)
    {
        var span = StorageTelemetry.Source.StartActivity("storage " + message.Request.Method.Method, ActivityKind.Client);
        if (span is not null)
        {
            var uri = message.Request.Uri;
            span.SetTag("http.request.method", message.Request.Method.Method);
            span.SetTag("server.address", uri.Host);
            span.SetTag("url.path", uri.Path);
            span.SetTag("az.client_request_id", message.Request.ClientRequestId);
        }

        return span;
    }

    private static void Finish(Activity? span, HttpMessage message)
    {
        if (span is null || !message.HasResponse)
        {
            return;
        }

        span.SetTag("http.response.status_code", message.Response.Status);
        if (message.Response.Status >= 400)
        {
            span.SetStatus(ActivityStatusCode.Error);
        }
    }
}
