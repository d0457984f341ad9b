using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace FunctionsFlow.Host.Endpoints;

/// <summary>Reads a JSON request body with a size cap, a content-type check and a depth limit, before
/// anything is changed, so a bad body leaves no partial state.</summary>
internal static class JsonBody
{
    public const long DefaultLimit = 1024 * 1024;
    private const int MaxDepth = 64;

    /// <summary>The parsed body (null when empty), or the problem to answer with.</summary>
    public static async Task<(JsonElement? Value, IResult? Problem)> ReadAsync(HttpRequest request, long limit = DefaultLimit, CancellationToken cancellationToken = default)
    {
        if (request.ContentLength > limit)
        {
            return (null, Problems.TooLarge(limit));
        }

        if (request.ContentLength == 0 || (request.ContentLength is null && !request.Body.CanRead))
        {
            return (null, null);
        }

        var buffer = await ReadCappedAsync(request, limit, cancellationToken).ConfigureAwait(false);
        if (buffer is null)
        {
            return (null, Problems.TooLarge(limit));
        }

        if (buffer.Length == 0)
        {
            return (null, null);
        }

        if (!IsJson(request.ContentType))
        {
            return (null, Problems.UnsupportedMediaType("The body must be JSON (Content-Type: application/json)."));
        }

        try
        {
            using var doc = JsonDocument.Parse(buffer, new JsonDocumentOptions { MaxDepth = MaxDepth });
            return (doc.RootElement.Clone(), null);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : string.Empty;
            return (null, Problems.Invalid("$", $"The body is not valid JSON{where}."));
        }
    }

    /// <summary>The parsed body when it is a JSON object, or the problem to answer with (an empty body is no object).</summary>
    public static async Task<(JsonElement? Value, IResult? Problem)> ReadObjectAsync(HttpRequest request, long limit = DefaultLimit, CancellationToken cancellationToken = default)
    {
        var (body, problem) = await ReadAsync(request, limit, cancellationToken).ConfigureAwait(false);
        return problem is not null ? (null, problem)
            : body is not { ValueKind: JsonValueKind.Object } ? (null, Problems.Invalid("$", "The body must be a JSON object."))
            : (body, null);
    }

    /// <summary>The body's bytes, or null as soon as they pass <paramref name="limit"/> (a declared length is not trusted).</summary>
    public static async Task<byte[]?> ReadCappedAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>True for <c>application/json</c> and any <c>+json</c> media type.</summary>
    public static bool IsJson(string? contentType) =>
        contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var media) &&
        (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
         media.SubTypeWithoutSuffix.HasValue && media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
}
