using Azure;
using Azure.Core;

namespace FunctionsFlow.Storage.Pipeline;

/// <summary>Request-response helpers for clients whose answers are small: send, read what is needed, release the message.</summary>
internal static class StoragePipelineExtensions
{
    /// <summary>Sends a message, reads what is needed from the response, and disposes the message.</summary>
    public static async Task<T> SendAndReadAsync<T>(
        this StoragePipeline pipeline, HttpMessage message, Func<Response, T> read, CancellationToken cancellationToken, params int[] expected)
    {
        using (message)
        {
            var response = await pipeline.SendAsync(message, cancellationToken, expected).ConfigureAwait(false);
            return read(response);
        }
    }

    /// <summary>Sends a message whose answer carries nothing but its status, and disposes it.</summary>
    public static Task<int> SendForStatusAsync(this StoragePipeline pipeline, HttpMessage message, CancellationToken cancellationToken, params int[] expected) =>
        pipeline.SendAndReadAsync(message, r => r.Status, cancellationToken, expected);
}
