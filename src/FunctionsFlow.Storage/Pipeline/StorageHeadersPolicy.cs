using Azure.Core;
using Azure.Core.Pipeline;

namespace FunctionsFlow.Storage.Pipeline;

/// <summary>Adds the REST API version and a client request id to every request.</summary>
internal sealed class StorageHeadersPolicy : HttpPipelineSynchronousPolicy
{
    public static StorageHeadersPolicy Instance { get; } = new();

    public override void OnSendingRequest(HttpMessage message)
    {
        message.Request.Headers.SetValue("x-ms-version", StorageClientOptions.ServiceVersion);
        if (!message.Request.Headers.Contains("x-ms-client-request-id"))
        {
            message.Request.Headers.SetValue("x-ms-client-request-id", message.Request.ClientRequestId);
        }
    }
}
