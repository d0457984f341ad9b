namespace FunctionsFlow.Durable.Backend;

/// <summary>The filters of an <see cref="InstanceQuery"/> applied to one status row (for stores that filter in memory).</summary>
public static class InstanceQueryMatcher
{
    /// <summary>True when <paramref name="metadata"/> passes every filter of <paramref name="query"/>.</summary>
    public static bool Matches(InstanceQuery query, InstanceMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(metadata);
        return (query.RuntimeStatus is not { Count: > 0 } statuses || statuses.Contains(metadata.RuntimeStatus))
            && (query.CreatedFrom is not { } from || metadata.CreatedAt >= from)
            && (query.CreatedTo is not { } to || metadata.CreatedAt < to)
            && (query.Name is null || string.Equals(query.Name, metadata.Name, StringComparison.OrdinalIgnoreCase))
            && (query.InstanceIdPrefix is null || metadata.InstanceId.StartsWith(query.InstanceIdPrefix, StringComparison.Ordinal))
            && (query.Tag is not { } tag || (metadata.Tags?.TryGetValue(tag.Key, out var value) == true && value == tag.Value));
    }
}
