namespace FunctionsFlow.Storage.Blobs;

/// <summary>One page of a blob listing.</summary>
/// <param name="Items">The blobs of this page, in name order.</param>
/// <param name="ContinuationToken">The token that fetches the next page, or null on the last page.</param>
public sealed record BlobListPage(IReadOnlyList<BlobItem> Items, string? ContinuationToken);
