using Azure.Core;

namespace FunctionsFlow.Storage.Blobs;

/// <summary>A blob being downloaded: its properties and its content read straight from the network.</summary>
/// <remarks>The content is not buffered; read it once and dispose the result to release the connection.</remarks>
public sealed class BlobDownloadResult : IDisposable, IAsyncDisposable
{
    private readonly HttpMessage _message;

    internal BlobDownloadResult(HttpMessage message, Stream content, BlobProperties properties)
    {
        _message = message;
        Content = content;
        Properties = properties;
    }

    /// <summary>The blob's content as it arrives.</summary>
    public Stream Content { get; }

    /// <summary>The blob's properties (ETag, length, content type, metadata) as of this download.</summary>
    public BlobProperties Properties { get; }

    /// <summary>Closes the content stream and releases the response.</summary>
    public void Dispose()
    {
        Content.Dispose();
        _message.Dispose();
    }

    /// <summary>Closes the content stream and releases the response.</summary>
    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync().ConfigureAwait(false);
        _message.Dispose();
    }
}
