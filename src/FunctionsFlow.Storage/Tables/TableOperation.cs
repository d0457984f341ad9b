using Azure;
using Azure.Core;

namespace FunctionsFlow.Storage.Tables;

/// <summary>One entity write as the REST API spells it: verb, address, body and condition.</summary>
/// <remarks>Single writes send it as a request; transactions write it as a part of a <c>$batch</c> changeset.</remarks>
internal readonly record struct TableOperation(RequestMethod Method, Uri Uri, TableEntity? Body, string? IfMatch)
{
    private static readonly RequestMethod Merge = new("MERGE");

    /// <summary>Insert Entity: fails with 409 when the entity exists.</summary>
    public static TableOperation Insert(Uri tableUri, TableEntity entity) => new(RequestMethod.Post, tableUri, entity, null);

    /// <summary>Insert Or Merge / Insert Or Replace Entity.</summary>
    public static TableOperation Upsert(Uri tableUri, TableEntity entity, TableUpdateMode mode) =>
        Write(tableUri, entity, mode, ifMatch: null);

    /// <summary>Merge / Update Entity under an If-Match condition.</summary>
    public static TableOperation Update(Uri tableUri, TableEntity entity, ETag ifMatch, TableUpdateMode mode)
    {
        if (ifMatch == default)
        {
            throw new ArgumentException("An update needs the ETag the entity was read with, or ETag.All to overwrite any version.", nameof(ifMatch));
        }

        return Write(tableUri, entity, mode, ifMatch.ToString());
    }

    /// <summary>Delete Entity; a default ETag deletes any version.</summary>
    public static TableOperation Delete(Uri tableUri, string partitionKey, string rowKey, ETag ifMatch)
    {
        TableEntity.ValidateKey(partitionKey, nameof(partitionKey));
        TableEntity.ValidateKey(rowKey, nameof(rowKey));
        var condition = ifMatch == default ? ETag.All : ifMatch;
        return new(RequestMethod.Delete, TableRequest.EntityUri(tableUri, partitionKey, rowKey), null, condition.ToString());
    }

    private static TableOperation Write(Uri tableUri, TableEntity entity, TableUpdateMode mode, string? ifMatch) => new(
        mode switch
        {
            TableUpdateMode.Merge => Merge,
            TableUpdateMode.Replace => RequestMethod.Put,
            _ => throw new ArgumentOutOfRangeException(nameof(mode)),
        },
        TableRequest.EntityUri(tableUri, entity.PartitionKey, entity.RowKey),
        entity,
        ifMatch);
}
