using System.Text.Json;
using Azure;
using Azure.Core;
using FunctionsFlow.Storage.Pipeline;

namespace FunctionsFlow.Storage.Tables;

/// <summary>One table of the Table service: the table itself, its entities, queries and entity-group transactions.</summary>
/// <remarks>Created by <see cref="StorageClientFactory.GetTableClient"/>. Service errors surface as
/// <see cref="StorageException"/> with the HTTP status and the service's error code.</remarks>
public sealed partial class TableClient
{
    private readonly StoragePipeline _pipeline;
    private readonly Uri _tableUri;

    internal TableClient(StoragePipeline pipeline, string tableName)
    {
        _pipeline = pipeline;
        Name = tableName;
        _tableUri = new Uri(pipeline.Account.TableEndpoint + "/" + tableName);
    }

    /// <summary>The table's name.</summary>
    public string Name { get; }

    /// <summary>The table's address.</summary>
    public Uri Uri => _tableUri;

    /// <summary>Creates the table unless it exists.</summary>
    /// <returns>True when this call created the table; false when it existed already.</returns>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("TableName", Name);
            writer.WriteEndObject();
        }

        var body = new BinaryData(buffer.ToArray());
        using var message = TableRequest.Create(_pipeline, RequestMethod.Post, TableRequest.TablesUri(_pipeline.Account), body);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        try
        {
            await _pipeline.SendAsync(message, cancellationToken, 201, 204).ConfigureAwait(false);
            return true;
        }
        catch (StorageException ex) when (ex.IsConflict && ex.ErrorCode == "TableAlreadyExists")
        {
            return false;
        }
    }

    /// <summary>Deletes the table and all its entities.</summary>
    /// <exception cref="StorageException">404 <c>TableNotFound</c> when there is no such table.</exception>
    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        var uri = TableRequest.TablesUri(_pipeline.Account, "('" + Name + "')");
        using var message = TableRequest.Create(_pipeline, RequestMethod.Delete, uri);
        await _pipeline.SendAsync(message, cancellationToken, 204).ConfigureAwait(false);
    }

    /// <summary>Throws unless the name is a valid table name: 3 to 63 letters and digits, starting with a letter.</summary>
    internal static void ValidateName(string tableName)
    {
        ArgumentNullException.ThrowIfNull(tableName);
        if (tableName.Length is < 3 or > 63 || !char.IsAsciiLetter(tableName[0]) || !tableName.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException(
                $"'{tableName}' is not a table name: use 3 to 63 letters and digits, starting with a letter.", nameof(tableName));
        }
    }

    private async Task<ETag> SendAsync(TableOperation operation, CancellationToken cancellationToken)
    {
        var body = operation.Body is null ? null : TableEntityJson.Serialize(operation.Body);
        using var message = TableRequest.Create(_pipeline, operation.Method, operation.Uri, body);
        if (body is not null)
        {
            message.Request.Headers.SetValue("Prefer", "return-no-content");
        }

        if (operation.IfMatch is not null)
        {
            message.Request.Headers.SetValue("If-Match", operation.IfMatch);
        }

        var response = await _pipeline.SendAsync(message, cancellationToken, 201, 204).ConfigureAwait(false);
        return response.Headers.ETag ?? default;
    }
}
