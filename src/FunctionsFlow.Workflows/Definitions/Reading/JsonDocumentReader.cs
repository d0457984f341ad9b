using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FunctionsFlow.Workflows.Definitions.Reading;

/// <summary>Reads a JSON document into a tree, keeping where each value was written and refusing duplicate keys.</summary>
internal static class JsonDocumentReader
{
    /// <summary>Reads <paramref name="text"/>; the result's root is usable only when it has no errors.</summary>
    public static DocumentReadResult Read(string text, int maxDepth)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = new LineTable(bytes);
        var builder = new DocumentBuilder(maxDepth);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = maxDepth + 1 });
        try
        {
            while (reader.Read())
            {
                var at = lines.Locate(reader.TokenStartIndex);
                if (Accept(ref reader, at, builder) is { } fatal)
                {
                    return DocumentReadResult.Failed(builder.Errors, fatal);
                }
            }
        }
        catch (JsonException ex)
        {
            var at = lines.Locate(ex.LineNumber ?? 0, ex.BytePositionInLine ?? 0);
            return DocumentReadResult.Failed(builder.Errors, DocumentBuilder.Error(builder.NextPath(), at, $"is not valid JSON: {Describe(ex)}"));
        }

        return new DocumentReadResult(builder.Root, builder.Map, builder.Errors);
    }

    // Feeds one token to the builder; a returned error ends the reading.
    private static DefinitionError? Accept(ref Utf8JsonReader reader, SourceLocation at, DocumentBuilder builder)
    {
        DefinitionError? error = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return builder.StartObject(at, out error) ? null : error;
            case JsonTokenType.StartArray:
                return builder.StartArray(at, out error) ? null : error;
            case JsonTokenType.EndObject or JsonTokenType.EndArray:
                builder.End();
                break;
            case JsonTokenType.PropertyName:
                builder.Key(reader.GetString()!, at);
                break;
            case JsonTokenType.String:
                builder.Value(JsonValue.Create(reader.GetString()!), at);
                break;
            case JsonTokenType.Number when reader.TryGetInt64(out var integer):
                builder.Value(JsonValue.Create(integer), at);
                break;
            case JsonTokenType.Number when reader.TryGetDouble(out var number) && double.IsFinite(number):
                builder.Value(JsonValue.Create(number), at);
                break;
            case JsonTokenType.Number:
                return DocumentBuilder.Error(builder.NextPath(), at, "is a number out of range");
            case JsonTokenType.True or JsonTokenType.False:
                builder.Value(JsonValue.Create(reader.GetBoolean()), at);
                break;
            case JsonTokenType.Null:
                builder.Value(null, at);
                break;
        }

        return error;
    }

    // System.Text.Json appends " LineNumber: 2 | BytePositionInLine: 4." to its messages; the error has them already.
    private static string Describe(JsonException ex)
    {
        var message = ex.Message;
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return position >= 0 ? message[..position] : message;
    }

    /// <summary>Finds the line and column of a byte offset; columns count characters, not bytes.</summary>
    /// <remarks>Offsets come in increasing order, so each lookup counts only the characters since the last one.</remarks>
    private sealed class LineTable
    {
        private readonly byte[] _bytes;
        private readonly List<int> _starts = [0];
        private int _lastLine;
        private int _lastOffset;
        private int _lastColumn = 1;

        public LineTable(byte[] bytes)
        {
            _bytes = bytes;
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    _starts.Add(i + 1);
                }
            }
        }

        public SourceLocation Locate(long offset)
        {
            var target = (int)Math.Min(offset, _bytes.Length);
            var index = _starts.BinarySearch(target);
            var line = index >= 0 ? index : ~index - 1;
            if (line != _lastLine || target < _lastOffset)
            {
                (_lastLine, _lastOffset, _lastColumn) = (line, _starts[line], 1);
            }

            _lastColumn += Encoding.UTF8.GetCharCount(_bytes, _lastOffset, target - _lastOffset);
            _lastOffset = target;
            return new SourceLocation(line + 1, _lastColumn);
        }

        public SourceLocation Locate(long line, long bytePositionInLine) =>
            line < _starts.Count ? Locate(_starts[(int)line] + bytePositionInLine) : new SourceLocation((int)line + 1, (int)bytePositionInLine + 1);
    }
}
