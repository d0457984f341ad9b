using FunctionsFlow.Storage.Tables;

namespace FunctionsFlow.Durable.AzureStorage;

/// <summary>Puts texts into row properties, or into blobs when they are too long for a row; new blobs are uploaded
/// together, before the rows are written.</summary>
/// <remarks>Texts are protected first (see <see cref="PayloadProtector"/>). A text already held by one of the
/// <paramref name="reusable"/> blobs (by the hash of its plain content) points to that blob
/// instead of a new copy. A blob whose row write then fails is an orphan: harmless, and removed with the instance.</remarks>
internal sealed class PayloadWriter(PayloadBlobs blobs, string instanceId, int maxInlineChars, IReadOnlyDictionary<string, string>? reusable = null)
{
    private readonly List<(string Name, string Text)> _pending = [];
    private readonly Dictionary<string, string> _written = new(StringComparer.Ordinal);

    /// <summary>The blobs the rows point to, by content hash.</summary>
    public IReadOnlyDictionary<string, string> Blobs => _written;

    /// <summary>Sets <paramref name="property"/> to <paramref name="text"/>, or names a blob that holds it; null sets nothing.</summary>
    public void Set(TableEntity row, string property, string? text)
    {
        if (text is null)
        {
            return;
        }

        var stored = blobs.Protector.Protect(text, instanceId, property);
        if (stored.Length <= maxInlineChars)
        {
            row[property] = stored;
            return;
        }

        var hash = ContentHash.Of(text);
        if (!_written.TryGetValue(hash, out var name))
        {
            if (reusable is null || !reusable.TryGetValue(hash, out name))
            {
                name = PayloadBlobs.NewRowPayloadName(instanceId);
                _pending.Add((name, stored));
            }

            _written[hash] = name;
        }

        row[property + PayloadBlobs.BlobSuffix] = name;
    }

    /// <summary>Uploads the new blobs named so far.</summary>
    public Task UploadAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_pending.Select(p => blobs.UploadAsync(p.Name, p.Text, cancellationToken)));
}
