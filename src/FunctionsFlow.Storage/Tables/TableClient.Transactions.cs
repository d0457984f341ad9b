using System.Globalization;
using System.Text.Json;
using System.Xml;
using Azure;
using Azure.Core;
using FunctionsFlow.Storage.Pipeline;

namespace FunctionsFlow.Storage.Tables;

public sealed partial class TableClient
{
    /// <summary>The most actions one entity-group transaction may hold.</summary>
    public const int MaxTransactionActions = 100;

    /// <summary>Applies up to 100 writes to one partition atomically: all succeed or none is applied.</summary>
    /// <param name="actions">1 to 100 actions, all with the same partition key and each on a different row.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Each action's new ETag, in the order of <paramref name="actions"/>; default for a delete.</returns>
    /// <exception cref="ArgumentException">The actions break a rule of transactions; nothing was sent.</exception>
    /// <exception cref="StorageException">An action failed: <see cref="StorageException.Status"/> and
    /// <see cref="StorageException.ErrorCode"/> are that action's, and <see cref="StorageException.FailedOperationIndex"/> its index.</exception>
    /// <remarks>The pipeline retries transient failures. When an attempt was applied but its answer lost, the retry of a
    /// conditional action (Add, or an Update or Delete with an ETag) fails with 409 or 412: check the stored state
    /// before treating that as a conflict.</remarks>
    public async Task<IReadOnlyList<ETag>> SubmitTransactionAsync(
        IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        var operations = ToOperations(actions);
        var batchBoundary = "batch_" + Guid.NewGuid().ToString("D");
        var changesetBoundary = "changeset_" + Guid.NewGuid().ToString("D");

        using var message = TableRequest.Create(_pipeline, RequestMethod.Post, new Uri(_pipeline.Account.TableEndpoint + "/$batch"));
        message.Request.Headers.SetValue("Content-Type", "multipart/mixed; boundary=" + batchBoundary);
        message.Request.Content = RequestContent.Create(TableBatchContent.Write(batchBoundary, changesetBoundary, operations));
        var response = await _pipeline.SendAsync(message, cancellationToken, 202).ConfigureAwait(false);

        var answers = TableBatchResponse.ReadAll(response.Headers.ContentType, response.Content.ToString());
        if (answers.FirstOrDefault(a => a.Status >= 300) is { } failure)
        {
            throw TransactionFailure(failure, operations.Count);
        }

        if (answers.Count != operations.Count)
        {
            throw new StorageException(
                response.Status,
                errorCode: null,
                $"The batch response holds {answers.Count} answers for {operations.Count} actions.");
        }

        return answers.Select(a => a.Headers.TryGetValue("ETag", out var etag) ? new ETag(etag) : default).ToList();
    }

    private List<TableOperation> ToOperations(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count is 0 or > MaxTransactionActions)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A transaction holds 1 to {MaxTransactionActions} actions; this one has {actions.Count}."),
                nameof(actions));
        }

        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        var operations = new List<TableOperation>(actions.Count);
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i] ?? throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Action {i} is null."), nameof(actions));
            var entity = action.Entity ?? throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Action {i} has no entity."), nameof(actions));
            if (!string.Equals(entity.PartitionKey, actions[0].Entity.PartitionKey, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"Action {i} is in another partition than action 0: a transaction stays in one partition."),
                    nameof(actions));
            }

            if (!rows.TryAdd(entity.RowKey, i))
            {
                throw new ArgumentException(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"Actions {rows[entity.RowKey]} and {i} address the same row: a transaction touches a row once."),
                    nameof(actions));
            }

            operations.Add(action.ActionType switch
            {
                TableTransactionActionType.Add => TableOperation.Insert(_tableUri, entity),
                TableTransactionActionType.UpsertMerge => TableOperation.Upsert(_tableUri, entity, TableUpdateMode.Merge),
                TableTransactionActionType.UpsertReplace => TableOperation.Upsert(_tableUri, entity, TableUpdateMode.Replace),
                TableTransactionActionType.UpdateMerge => TableOperation.Update(_tableUri, entity, action.ETag, TableUpdateMode.Merge),
                TableTransactionActionType.UpdateReplace => TableOperation.Update(_tableUri, entity, action.ETag, TableUpdateMode.Replace),
                TableTransactionActionType.Delete => TableOperation.Delete(_tableUri, entity.PartitionKey, entity.RowKey, action.ETag),
                _ => throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Action {i} has unknown type {action.ActionType}."), nameof(actions)),
            });
        }

        return operations;
    }

    /// <summary>The exception for a failed changeset, with the failing action's status, code and index.</summary>
    /// <remarks>Azure and Azurite both start the error message with the failing index (<c>"1:The specified entity
    /// already exists."</c>); Azurite also numbers the part with <c>Content-ID</c>, which this client sends as index + 1.</remarks>
    internal static StorageException TransactionFailure(TableBatchResponse failure, int actionCount)
    {
        string? code = failure.Headers.GetValueOrDefault("x-ms-error-code");
        string? detail = null;
        try
        {
            if (failure.Body.Length > 0)
            {
                var contentType = failure.Headers.GetValueOrDefault("Content-Type");
                (var bodyCode, detail) = StoragePipeline.ParseErrorBody(BinaryData.FromString(failure.Body), contentType);
                code ??= bodyCode;
            }
        }
        catch (Exception ex) when (ex is JsonException or XmlException)
        {
            // The status and the part's Content-ID still say what failed; an unreadable body adds nothing.
        }

        int? index = null;
        var colon = detail?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon > 0 && int.TryParse(detail.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var prefixed))
        {
            index = prefixed;
            detail = detail![(colon + 1)..];
        }
        else if (failure.Headers.TryGetValue("Content-ID", out var contentId) &&
            int.TryParse(contentId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            index = id - 1;
        }
        else if (actionCount == 1)
        {
            index = 0;
        }

        if (index < 0 || index >= actionCount)
        {
            index = null;
        }

        var firstLine = detail?.Split('\n', 2)[0].Trim();
        var where = index is { } i ? string.Create(CultureInfo.InvariantCulture, $" at action {i}") : string.Empty;
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"Entity-group transaction failed{where} with {failure.Status} ({code ?? "no error code"})") +
            (string.IsNullOrEmpty(firstLine) ? "." : ": " + firstLine);
        return new StorageException(failure.Status, code, message) { FailedOperationIndex = index };
    }
}
