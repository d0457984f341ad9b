namespace FunctionsFlow.Storage.Tables;

/// <summary>One page of a table query.</summary>
/// <param name="Items">The entities of the page, at most 1,000.</param>
/// <param name="ContinuationToken">An opaque token for the next page, or null when the query is complete.</param>
/// <remarks>A page may be empty and still carry a token: the service stops at partition boundaries and time limits.</remarks>
public sealed record TableQueryPage(IReadOnlyList<TableEntity> Items, string? ContinuationToken);
