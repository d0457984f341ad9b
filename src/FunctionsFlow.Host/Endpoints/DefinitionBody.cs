using System.Text;
using FunctionsFlow.Workflows.Definitions;
using FunctionsFlow.Workflows.Repository;
using Microsoft.Net.Http.Headers;

namespace FunctionsFlow.Host.Endpoints;

/// <summary>Reads a workflow definition from a request body: YAML (<c>application/yaml</c>, also <c>text/yaml</c> and
/// <c>application/x-yaml</c>) or JSON, at most 1 MiB, checked before anything is stored.</summary>
internal static class DefinitionBody
{
    public static async Task<(string? Source, string? ContentType, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = WorkflowDefinitionParser.MaxSourceBytes;
        if (request.ContentLength > limit)
        {
            return (null, null, Problems.TooLarge(limit));
        }

        if (ContentTypeOf(request.ContentType) is not { } contentType)
        {
            return (null, null, Problems.UnsupportedMediaType("A workflow definition is YAML (Content-Type: application/yaml) or JSON (application/json)."));
        }

        var buffer = await JsonBody.ReadCappedAsync(request, limit, cancellationToken).ConfigureAwait(false);
        if (buffer is null)
        {
            return (null, null, Problems.TooLarge(limit));
        }

        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer);
            return (text, contentType, null);
        }
        catch (DecoderFallbackException)
        {
            return (null, null, Problems.Invalid("$", "The definition is not valid UTF-8."));
        }
    }

    /// <summary>The repository's content type for a request's, or null when it is not a definition format.</summary>
    private static string? ContentTypeOf(string? header)
    {
        if (header is null || !MediaTypeHeaderValue.TryParse(header, out var media))
        {
            return null;
        }

        var type = media.MediaType.Value?.ToLowerInvariant();
        return type switch
        {
            "application/yaml" or "application/x-yaml" or "text/yaml" or "text/x-yaml" => WorkflowContentTypes.Yaml,
            "application/json" => WorkflowContentTypes.Json,
            _ => null,
        };
    }

    /// <summary>400 listing every definition error by path (with its line and column).</summary>
    public static IResult Invalid(IReadOnlyList<DefinitionError> errors)
    {
        var map = errors
            .GroupBy(e => e.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Line is { } line ? $"line {line}, column {e.Column}: {e.Message}" : e.Message).ToArray(), StringComparer.Ordinal);
        return TypedResults.ValidationProblem(map, detail: $"The definition has {errors.Count} problem(s).", title: "The workflow definition is not valid");
    }
}
