using System.Buffers.Text;
using System.Text;

namespace FunctionsFlow.Storage.Tables;

/// <summary>Packs the service's two continuation headers into the one opaque token callers hand back.</summary>
/// <remarks>The token is base64url of <c>NextPartitionKey</c>, a line feed and <c>NextRowKey</c>: header values
/// never hold a line feed, so the split is unambiguous.</remarks>
internal static class TableContinuationToken
{
    public const string NextPartitionKeyHeader = "x-ms-continuation-NextPartitionKey";
    public const string NextRowKeyHeader = "x-ms-continuation-NextRowKey";

    /// <summary>The token for the next page, or null when the service sent no continuation.</summary>
    public static string? Encode(string? nextPartitionKey, string? nextRowKey) =>
        string.IsNullOrEmpty(nextPartitionKey) && string.IsNullOrEmpty(nextRowKey)
            ? null
            : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(nextPartitionKey + "\n" + nextRowKey));

    /// <summary>The two continuation values of a token made by <see cref="Encode"/>.</summary>
    /// <exception cref="ArgumentException">The token was not made by this client.</exception>
    public static (string NextPartitionKey, string NextRowKey) Decode(string token)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("The continuation token is not one this client issued.", nameof(token), ex);
        }

        var separator = text.IndexOf('\n', StringComparison.Ordinal);
        if (separator < 0)
        {
            throw new ArgumentException("The continuation token is not one this client issued.", nameof(token));
        }

        return (text[..separator], text[(separator + 1)..]);
    }
}
