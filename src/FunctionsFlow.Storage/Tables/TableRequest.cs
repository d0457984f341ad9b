using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using FunctionsFlow.Storage.Pipeline;

namespace FunctionsFlow.Storage.Tables;

/// <summary>The OData headers, URIs and JSON bodies every Table service request shares.</summary>
internal static class TableRequest
{
    public const string MinimalMetadata = "application/json;odata=minimalmetadata";
    public const string JsonContentType = "application/json";
    public const string DataServiceVersion = "3.0";
    public const string MaxDataServiceVersion = "3.0;NetFx";

    /// <summary>A message with the OData version and JSON headers set, and the body if there is one.</summary>
    public static HttpMessage Create(StoragePipeline pipeline, RequestMethod method, Uri uri, BinaryData? body = null)
    {
        var message = pipeline.CreateMessage(method, uri);
        var headers = message.Request.Headers;
        headers.SetValue("Accept", MinimalMetadata);
        headers.SetValue("DataServiceVersion", DataServiceVersion);
        headers.SetValue("MaxDataServiceVersion", MaxDataServiceVersion);
        if (body is not null)
        {
            headers.SetValue("Content-Type", JsonContentType);
            message.Request.Content = RequestContent.Create(body);
        }

        return message;
    }

    /// <summary>The <c>Tables</c> resource of the account, optionally with a query string.</summary>
    public static Uri TablesUri(StorageAccount account, string query = "") => new(account.TableEndpoint + "/Tables" + query);

    /// <summary>One entity's address: <c>table(PartitionKey='…',RowKey='…')</c> with quotes doubled and the keys percent-encoded.</summary>
    public static Uri EntityUri(Uri tableUri, string partitionKey, string rowKey, string query = "") =>
        new(tableUri + "(PartitionKey='" + EscapeKey(partitionKey) + "',RowKey='" + EscapeKey(rowKey) + "')" + query);

    /// <summary>Appends <c>?name=value</c> or <c>&amp;name=value</c>, percent-encoding the value; nothing for a null value.</summary>
    public static StringBuilder AppendQuery(this StringBuilder query, string name, string? value)
    {
        if (value is not null)
        {
            query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return query;
    }

    /// <summary>Parses a JSON response body.</summary>
    public static JsonDocument ParseJson(Response response) => JsonDocument.Parse(response.Content.ToMemory());

    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));
}
