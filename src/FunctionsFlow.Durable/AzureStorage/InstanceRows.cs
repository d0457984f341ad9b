using System.Buffers;
using System.Globalization;
using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.History;
using FunctionsFlow.Storage.Tables;

namespace FunctionsFlow.Durable.AzureStorage;

/// <summary>The rows of an instance's partition: one status row, and one history row per commit.</summary>
/// <remarks>The status row holds every field of <see cref="InstanceMetadata"/> as a typed property, the outbox as
/// JSON, the sequence number of the next history row and each tag as a property of its own (see
/// <see cref="TagColumns"/>). A history row <c>h_{executionId}_{sequence:D8}</c> holds the JSON array of one
/// commit's events, so rows of one execution sort in commit order and rows of other executions are told apart.</remarks>
internal static class InstanceRows
{
    /// <summary>The status row's key.</summary>
    public const string StatusRowKey = "instance";

    /// <summary>The start of every history row's key.</summary>
    public const string HistoryRowPrefix = "h_";

    public const string Name = nameof(InstanceMetadata.Name);
    public const string NameKey = "NameKey";
    public const string ExecutionId = nameof(InstanceMetadata.ExecutionId);
    public const string RuntimeStatus = nameof(InstanceMetadata.RuntimeStatus);
    public const string CreatedAt = nameof(InstanceMetadata.CreatedAt);
    public const string LastUpdatedAt = nameof(InstanceMetadata.LastUpdatedAt);
    public const string CompletedAt = nameof(InstanceMetadata.CompletedAt);
    public const string Input = nameof(InstanceMetadata.Input);
    public const string Output = nameof(InstanceMetadata.Output);
    public const string CustomStatus = nameof(InstanceMetadata.CustomStatus);
    public const string Failure = nameof(InstanceMetadata.Failure);
    public const string Tags = nameof(InstanceMetadata.Tags);
    public const string ParentInstanceId = nameof(InstanceMetadata.ParentInstanceId);
    public const string Outbox = "Outbox";
    public const string NextSequence = "NextSequence";
    public const string WriteId = "WriteId";
    public const string Events = "Events";

    private const int SequenceDigits = 8;
    private const string SequenceFormat = "D8";

    private static readonly SearchValues<char> AsciiDigits = SearchValues.Create("0123456789");

    /// <summary>The status row's properties that make up <see cref="InstanceMetadata"/> (listings leave the outbox behind).</summary>
    public static IReadOnlyList<string> MetadataProperties { get; } =
    [
        Name, ExecutionId, RuntimeStatus, CreatedAt, LastUpdatedAt, CompletedAt, ParentInstanceId,
        .. new[] { Input, Output, CustomStatus, Failure, Tags }.SelectMany(p => new[] { p, p + PayloadBlobs.BlobSuffix }),
    ];

    /// <summary>True for the key of a history row of <paramref name="executionId"/> (and not of an execution whose id
    /// merely starts the same).</summary>
    public static bool IsHistoryOf(string rowKey, string executionId)
    {
        var prefix = HistoryPrefix(executionId);
        return rowKey.Length >= prefix.Length + SequenceDigits &&
            rowKey.StartsWith(prefix, StringComparison.Ordinal) &&
            !rowKey.AsSpan(prefix.Length).ContainsAnyExcept(AsciiDigits);
    }

    /// <summary>Builds the status row; large texts are handed to <paramref name="payloads"/>.</summary>
    /// <param name="metadata">The status.</param>
    /// <param name="outbox">The messages still to send.</param>
    /// <param name="nextSequence">The sequence number of the execution's next history row.</param>
    /// <param name="writeId">Identifies this write, so a write whose answer was lost can be recognised.</param>
    /// <param name="payloads">Takes the texts too large for the row.</param>
    public static TableEntity StatusRow(
        InstanceMetadata metadata, IReadOnlyList<OutboundMessage> outbox, int nextSequence, string writeId, PayloadWriter payloads)
    {
        var row = new TableEntity(metadata.InstanceId, StatusRowKey)
        {
            [Name] = metadata.Name,
            [NameKey] = NameKeyOf(metadata.Name),
            [ExecutionId] = metadata.ExecutionId,
            [RuntimeStatus] = metadata.RuntimeStatus.ToString(),
            [CreatedAt] = metadata.CreatedAt,
            [LastUpdatedAt] = metadata.LastUpdatedAt,
            [CompletedAt] = metadata.CompletedAt,
            [ParentInstanceId] = metadata.ParentInstanceId,
            [NextSequence] = nextSequence,
            [WriteId] = writeId,
        };
        payloads.Set(row, Input, metadata.Input);
        payloads.Set(row, Output, metadata.Output);
        payloads.Set(row, CustomStatus, metadata.CustomStatus);
        payloads.Set(row, Failure, metadata.Failure is null ? null : StoredJson.Serialize(metadata.Failure));
        payloads.Set(row, Tags, metadata.Tags is null ? null : StoredJson.Serialize(metadata.Tags));
        payloads.Set(row, Outbox, outbox.Count == 0 ? null : StoredJson.Serialize(outbox));
        TagColumns.Write(row, metadata.Tags);
        return row;
    }

    /// <summary>Builds the history row of one commit.</summary>
    public static TableEntity HistoryRow(string instanceId, string executionId, int sequence, IReadOnlyList<HistoryEvent> events, PayloadWriter payloads)
    {
        var row = new TableEntity(instanceId, HistoryPrefix(executionId) + sequence.ToString(SequenceFormat, CultureInfo.InvariantCulture));
        payloads.Set(row, Events, StoredJson.Serialize(events));
        return row;
    }

    /// <summary>The value names are matched by: listings compare names without case, as <see cref="InstanceQueryMatcher"/> does.</summary>
    public static string NameKeyOf(string name) => name.ToUpperInvariant();

    /// <summary>Reads the status from a status row, downloading large texts (and collecting the blobs read into
    /// <paramref name="downloaded"/> when given).</summary>
    public static async ValueTask<InstanceMetadata> ReadMetadataAsync(
        TableEntity row, PayloadBlobs blobs, IDictionary<string, string>? downloaded, CancellationToken cancellationToken)
    {
        var failure = await blobs.ReadAsync(row, Failure, downloaded, cancellationToken).ConfigureAwait(false);
        var tags = await blobs.ReadAsync(row, Tags, downloaded, cancellationToken).ConfigureAwait(false);
        return new InstanceMetadata
        {
            InstanceId = row.PartitionKey,
            Name = row.GetString(Name) ?? throw Missing(row, Name),
            ExecutionId = row.GetString(ExecutionId) ?? throw Missing(row, ExecutionId),
            RuntimeStatus = Enum.Parse<OrchestrationRuntimeStatus>(row.GetString(RuntimeStatus) ?? throw Missing(row, RuntimeStatus)),
            CreatedAt = row.GetDateTimeOffset(CreatedAt) ?? throw Missing(row, CreatedAt),
            LastUpdatedAt = row.GetDateTimeOffset(LastUpdatedAt) ?? throw Missing(row, LastUpdatedAt),
            CompletedAt = row.GetDateTimeOffset(CompletedAt),
            Input = await blobs.ReadAsync(row, Input, downloaded, cancellationToken).ConfigureAwait(false),
            Output = await blobs.ReadAsync(row, Output, downloaded, cancellationToken).ConfigureAwait(false),
            CustomStatus = await blobs.ReadAsync(row, CustomStatus, downloaded, cancellationToken).ConfigureAwait(false),
            Failure = failure is null ? null : StoredJson.Deserialize<TaskFailureDetails>(failure),
            Tags = tags is null ? null : StoredJson.Deserialize<Dictionary<string, string>>(tags),
            ParentInstanceId = row.GetString(ParentInstanceId),
        };
    }

    /// <summary>Reads the outbox of a status row (empty when cleared).</summary>
    public static async ValueTask<IReadOnlyList<OutboundMessage>> ReadOutboxAsync(
        TableEntity row, PayloadBlobs blobs, IDictionary<string, string>? downloaded, CancellationToken cancellationToken) =>
        await blobs.ReadAsync(row, Outbox, downloaded, cancellationToken).ConfigureAwait(false) is { Length: > 0 } json
            ? StoredJson.Deserialize<List<OutboundMessage>>(json)
            : [];

    /// <summary>Reads the events of a history row.</summary>
    public static async Task<IReadOnlyList<HistoryEvent>> ReadEventsAsync(TableEntity row, PayloadBlobs blobs, CancellationToken cancellationToken) =>
        StoredJson.Deserialize<List<HistoryEvent>>(
            await blobs.ReadAsync(row, Events, downloaded: null, cancellationToken).ConfigureAwait(false) ?? throw Missing(row, Events));

    /// <summary>The version (the store's ETag) of a status row as read.</summary>
    public static InstanceVersion VersionOf(TableEntity statusRow) => new(statusRow.GetInt32(NextSequence) ?? 0, statusRow.ETag);

    /// <summary>The row-key prefix of an execution's history rows.</summary>
    public static string HistoryPrefix(string executionId) => HistoryRowPrefix + executionId + "_";

    /// <summary>The sequence number in the key of a history row (see <see cref="IsHistoryOf"/>).</summary>
    public static int SequenceOf(string historyRowKey) =>
        int.Parse(historyRowKey.AsSpan(historyRowKey.LastIndexOf('_') + 1), NumberStyles.None, CultureInfo.InvariantCulture);

    private static InvalidOperationException Missing(TableEntity row, string property) =>
        new($"Row '{row.RowKey}' of instance '{row.PartitionKey}' has no {property}.");
}
