using FunctionsFlow.Storage.Tables;

namespace FunctionsFlow.Durable.AzureStorage;

/// <summary>Puts texts into row properties, or into fresh blobs when they are too long for a row; the blobs are
/// uploaded together, before the rows are written.</summary>
/// <remarks>A blob whose row write then fails is an orphan: harmless, and removed when the instance is purged.</remarks>
internal sealed class PayloadWriter(PayloadBlobs blobs, string instanceId, int maxInlineChars)
{
    private readonly List<(string Name, string Text)> _pending = [];

    /// <summary>Sets <paramref name="property"/> to <paramref name="text"/>, or names a blob that will hold it; null sets nothing.</summary>
    public void Set(TableEntity row, string property, string? text)
    {
        if (text is null)
        {
            return;
        }

        if (text.Length <= maxInlineChars)
        {
            row[property] = text;
            return;
        }

        var name = PayloadBlobs.NewRowPayloadName(instanceId);
        row[property + PayloadBlobs.BlobSuffix] = name;
        _pending.Add((name, text));
    }

    /// <summary>Uploads the blobs named so far.</summary>
    public Task UploadAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_pending.Select(p => blobs.UploadAsync(p.Name, p.Text, cancellationToken)));
}
