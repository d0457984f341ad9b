using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FunctionsFlow.Storage.Tables;

/// <summary>Writes the <c>multipart/mixed</c> body of a <c>$batch</c> request: one batch holding one changeset.</summary>
/// <remarks>Each operation is an <c>application/http</c> part with an absolute request URI, a <c>Content-ID</c> of its
/// position counted from 1, and its JSON body on a single line (Azurite finds bodies line by line).</remarks>
internal static class TableBatchContent
{
    private const string Crlf = "\r\n";

    /// <summary>The batch body for the operations, delimited by the two boundaries.</summary>
    public static BinaryData Write(string batchBoundary, string changesetBoundary, IReadOnlyList<TableOperation> operations)
    {
        using var stream = new MemoryStream();
        void Text(string text) => stream.Write(Encoding.UTF8.GetBytes(text));

        Text("--" + batchBoundary + Crlf);
        Text("Content-Type: multipart/mixed; boundary=" + changesetBoundary + Crlf + Crlf);
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            Text("--" + changesetBoundary + Crlf);
            Text("Content-Type: application/http" + Crlf);
            Text("Content-Transfer-Encoding: binary" + Crlf);
            Text("Content-ID: " + (i + 1).ToString(CultureInfo.InvariantCulture) + Crlf + Crlf);

            Text(operation.Method.Method + " " + operation.Uri.AbsoluteUri + " HTTP/1.1" + Crlf);
            Text("Accept: " + TableRequest.MinimalMetadata + Crlf);
            Text("DataServiceVersion: " + TableRequest.DataServiceVersion + ";" + Crlf);
            if (operation.IfMatch is not null)
            {
                Text("If-Match: " + operation.IfMatch + Crlf);
            }

            if (operation.Body is not null)
            {
                Text("Content-Type: " + TableRequest.JsonContentType + Crlf);
                Text("Prefer: return-no-content" + Crlf + Crlf);
                using (var writer = new Utf8JsonWriter(stream))
                {
                    TableEntityJson.Write(writer, operation.Body);
                }
            }
            else
            {
                Text(Crlf);
            }

            Text(Crlf);
        }

        Text("--" + changesetBoundary + "--" + Crlf);
        Text("--" + batchBoundary + "--" + Crlf);
        return new BinaryData(stream.ToArray());
    }
}
