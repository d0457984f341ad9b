using System.Text;
using Azure;
using Azure.Core;

namespace FunctionsFlow.Storage.Tables;

public sealed partial class TableClient
{
    /// <summary>Inserts a new entity.</summary>
    /// <returns>The new entity's ETag.</returns>
    /// <exception cref="StorageException">409 <c>EntityAlreadyExists</c> when the keys are taken.</exception>
    /// <remarks>The pipeline retries transient failures: when an attempt was applied but its answer lost, the retry
    /// answers 409 although this call inserted the entity.</remarks>
    public Task<ETag> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return SendAsync(TableOperation.Insert(_tableUri, entity), cancellationToken);
    }

    /// <summary>Inserts the entity, or merges it into (or replaces) the stored one, whatever its version.</summary>
    /// <returns>The entity's new ETag.</returns>
    public Task<ETag> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return SendAsync(TableOperation.Upsert(_tableUri, entity, mode), cancellationToken);
    }

    /// <summary>Replaces (or merges into) a stored entity if its version is still <paramref name="ifMatch"/>.</summary>
    /// <param name="entity">The entity to write.</param>
    /// <param name="ifMatch">The ETag the entity was read with, or <see cref="ETag.All"/> for any version.</param>
    /// <param name="mode">Whether properties the entity does not name are kept or dropped.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The entity's new ETag.</returns>
    /// <exception cref="StorageException">412 when another writer changed the entity; 404 when there is none.</exception>
    public Task<ETag> UpdateEntityAsync(
        TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return SendAsync(TableOperation.Update(_tableUri, entity, ifMatch, mode), cancellationToken);
    }

    /// <summary>Deletes an entity if its version is still <paramref name="ifMatch"/>; the default deletes any version.</summary>
    /// <exception cref="StorageException">412 when another writer changed the entity; 404 when there is none.</exception>
    public async Task DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default) =>
        await SendAsync(TableOperation.Delete(_tableUri, partitionKey, rowKey, ifMatch), cancellationToken).ConfigureAwait(false);

    /// <summary>Reads one entity, with only the named properties when <paramref name="select"/> is given.</summary>
    /// <exception cref="StorageException">404 when the entity or the table does not exist.</exception>
    public async Task<TableEntity> GetEntityAsync(
        string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) =>
        (await GetEntityCoreAsync(partitionKey, rowKey, select, missingIsNull: false, cancellationToken).ConfigureAwait(false))!;

    /// <summary>Reads one entity, or returns null when the service answers 404 (no such entity, or no such table).</summary>
    public Task<TableEntity?> GetEntityIfExistsAsync(
        string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) =>
        GetEntityCoreAsync(partitionKey, rowKey, select, missingIsNull: true, cancellationToken);

    private async Task<TableEntity?> GetEntityCoreAsync(
        string partitionKey, string rowKey, IEnumerable<string>? select, bool missingIsNull, CancellationToken cancellationToken)
    {
        TableEntity.ValidateKey(partitionKey, nameof(partitionKey));
        TableEntity.ValidateKey(rowKey, nameof(rowKey));
        var query = new StringBuilder().AppendQuery("$select", SelectList(select));
        using var message = TableRequest.Create(_pipeline, RequestMethod.Get, TableRequest.EntityUri(_tableUri, partitionKey, rowKey, query.ToString()));
        int[] expected = missingIsNull ? [200, 404] : [200];
        var response = await _pipeline.SendAsync(message, cancellationToken, expected).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return null;
        }

        using var json = TableRequest.ParseJson(response);
        return TableEntityJson.Read(json.RootElement, response.Headers.ETag ?? default);
    }

    /// <summary>The <c>$select</c> value: the named properties plus the keys, which every entity needs.</summary>
    private static string? SelectList(IEnumerable<string>? select)
    {
        if (select is null)
        {
            return null;
        }

        var names = new List<string> { "PartitionKey", "RowKey" };
        foreach (var name in select)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(select));
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        return string.Join(',', names);
    }
}
