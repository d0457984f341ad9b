using System.Globalization;

namespace FunctionsFlow.Storage.Tables;

/// <summary>One operation's answer inside a <c>$batch</c> response.</summary>
/// <param name="Status">The operation's HTTP status.</param>
/// <param name="Headers">The operation's headers, names compared without case.</param>
/// <param name="Body">The operation's body, empty when it has none.</param>
internal sealed record TableBatchResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>Reads the operation answers of a <c>multipart/mixed</c> batch response, descending into its changeset.</summary>
    /// <exception cref="FormatException">The content type names no boundary or a part is not an HTTP response.</exception>
    public static IReadOnlyList<TableBatchResponse> ReadAll(string? contentType, string body)
    {
        var results = new List<TableBatchResponse>();
        foreach (var part in SplitParts(body.Replace("\r\n", "\n", StringComparison.Ordinal), Boundary(contentType)))
        {
            var (headers, content, _) = SplitHeaders(part);
            if (headers.TryGetValue("Content-Type", out var partType) && partType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
            {
                results.AddRange(ReadAll(partType, content));
            }
            else
            {
                results.Add(ReadHttpResponse(content));
            }
        }

        return results;
    }

    private static TableBatchResponse ReadHttpResponse(string text)
    {
        var (headers, body, statusLine) = SplitHeaders(text);
        var fields = statusLine.Split(' ', 3);
        if (fields.Length < 2 || !fields[0].StartsWith("HTTP/", StringComparison.Ordinal) ||
            !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new FormatException("A batch response part is not an HTTP response.");
        }

        return new TableBatchResponse(status, headers, body.Trim());
    }

    private static string Boundary(string? contentType)
    {
        const string key = "boundary=";
        var start = contentType?.IndexOf(key, StringComparison.OrdinalIgnoreCase) ?? -1;
        if (start < 0)
        {
            throw new FormatException("The batch response's content type names no boundary.");
        }

        var value = contentType![(start + key.Length)..];
        var end = value.IndexOf(';', StringComparison.Ordinal);
        return (end < 0 ? value : value[..end]).Trim().Trim('"');
    }

    private static List<string> SplitParts(string body, string boundary)
    {
        var delimiter = "--" + boundary;
        var parts = new List<string>();
        List<string>? current = null;
        foreach (var line in body.Split('\n'))
        {
            var trimmed = line.TrimEnd();
            if (trimmed == delimiter || trimmed == delimiter + "--")
            {
                if (current is not null)
                {
                    parts.Add(string.Join('\n', current));
                }

                current = trimmed == delimiter ? [] : null;
                if (current is null)
                {
                    break;
                }
            }
            else
            {
                current?.Add(line);
            }
        }

        return parts;
    }

    /// <summary>Splits a part at its first blank line into header lines and body; also returns the first line, which
    /// for an HTTP response is its status line rather than a header.</summary>
    private static (Dictionary<string, string> Headers, string Body, string FirstLine) SplitHeaders(string text)
    {
        var lines = text.TrimStart('\n').Split('\n');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        for (; index < lines.Length && lines[index].Length > 0; index++)
        {
            var colon = lines[index].IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[lines[index][..colon].Trim()] = lines[index][(colon + 1)..].Trim();
            }
        }

        return (headers, string.Join('\n', lines.Skip(index + 1)), lines[0]);
    }
}
