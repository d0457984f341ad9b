using System.Runtime.CompilerServices;
using System.Text;
using Azure.Core;
using FunctionsFlow.Storage.Pipeline;

namespace FunctionsFlow.Storage.Tables;

/// <summary>Lists the tables of an account (Query Tables), following continuations.</summary>
internal static class TableListing
{
    private const string NextTableNameHeader = "x-ms-continuation-NextTableName";

    /// <summary>The names of the account's tables, those starting with <paramref name="prefix"/> when one is given.</summary>
    public static async IAsyncEnumerable<string> ListAsync(
        StoragePipeline pipeline, string? prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = string.IsNullOrEmpty(prefix) ? null : TableFilter.StartsWith("TableName", prefix);
        string? nextTableName = null;
        do
        {
            var query = new StringBuilder().AppendQuery("$filter", filter).AppendQuery("NextTableName", nextTableName);
            using var message = TableRequest.Create(pipeline, RequestMethod.Get, TableRequest.TablesUri(pipeline.Account, query.ToString()));
            var response = await pipeline.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
            List<string> names;
            using (var json = TableRequest.ParseJson(response))
            {
                names = json.RootElement.GetProperty("value").EnumerateArray()
                    .Select(t => t.GetProperty("TableName").GetString()!)
                    .ToList();
            }

            foreach (var name in names)
            {
                yield return name;
            }

            nextTableName = response.Headers.TryGetValue(NextTableNameHeader, out var next) && next.Length > 0 ? next : null;
        }
        while (nextTableName is not null);
    }
}
