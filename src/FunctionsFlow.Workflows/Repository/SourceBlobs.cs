using Azure;
using FunctionsFlow.Storage;
using FunctionsFlow.Storage.Blobs;

namespace FunctionsFlow.Workflows.Repository;

/// <summary>Source texts in the repository's container. Every blob gets a fresh name and is written once; rows name
/// the blob they point to, so a row and its blob never disagree whatever order concurrent writers run in.</summary>
internal sealed class SourceBlobs(BlobContainerClient container)
{
    /// <summary>The folder of draft sources (one blob per saved draft, deleted when the draft is replaced).</summary>
    public const string Drafts = "drafts";

    /// <summary>The folder of published versions' sources (never deleted).</summary>
    public const string Versions = "versions";

    /// <summary>The folder of templates' sources (deleted with the template).</summary>
    public const string Templates = "templates";

    /// <summary>The container.</summary>
    public BlobContainerClient Container => container;

    /// <summary>Writes a source under a new name in <paramref name="folder"/> and returns that name.</summary>
    public async Task<string> UploadAsync(
        string folder, SourceText source, string contentType, string owner, string subject, CancellationToken cancellationToken)
    {
        var name = folder + "/" + Guid.NewGuid().ToString("N");
        var options = new BlobUploadOptions
        {
            ContentType = contentType,
            Conditions = BlobRequestConditions.CreateOnly,
            Metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["owner"] = owner, ["subject"] = subject },
        };
        await container.UploadAsync(name, new BinaryData(source.Utf8), options, cancellationToken).ConfigureAwait(false);
        return name;
    }

    /// <summary>A source's text, or null when the blob is gone (a draft replaced since its row was read).</summary>
    public async Task<string?> DownloadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.DownloadContentAsync(name, cancellationToken).ConfigureAwait(false);
            return content.ToString();
        }
        catch (StorageException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Deletes a blob no row names any more; a failure leaves an unreferenced blob, which harms nothing.</summary>
    public async Task DeleteUnreferencedAsync(string? name, CancellationToken cancellationToken)
    {
        if (name is null)
        {
            return;
        }

        try
        {
            await container.DeleteIfExistsAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is StorageException or RequestFailedException)
        {
            // The write that made the blob unreferenced has succeeded; its caller should not see it fail.
        }
    }
}
