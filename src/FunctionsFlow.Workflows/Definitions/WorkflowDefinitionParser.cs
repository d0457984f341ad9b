using System.Globalization;
using System.Text;
using FunctionsFlow.Workflows.Definitions.Reading;

namespace FunctionsFlow.Workflows.Definitions;

/// <summary>Parses and validates workflow definitions written in YAML or JSON.</summary>
/// <remarks>Safe on untrusted text: the size, the nesting depth, the number of steps and the number of errors
/// reported are capped, YAML aliases are refused (no alias bombs), duplicate keys are errors, and nothing is
/// evaluated or fetched. Validation reports every problem it finds, each with its path, line and column.</remarks>
public static class WorkflowDefinitionParser
{
    /// <summary>The largest definition, in UTF-8 bytes (1 MiB).</summary>
    public const int MaxSourceBytes = 1_048_576;

    /// <summary>How deeply mappings and lists may nest in a definition.</summary>
    public const int MaxDepth = 64;

    /// <summary>The most steps a definition may hold, nested ones included.</summary>
    public const int MaxSteps = 1_000;

    /// <summary>The most errors one parse reports; a last error says when more were cut.</summary>
    public const int MaxErrors = 100;

    /// <summary>Parses <paramref name="text"/>, guessing its syntax: JSON when it starts with <c>{</c> and reads as
    /// JSON, else YAML (so a YAML flow mapping such as <c>{id: a, ...}</c> is YAML).</summary>
    public static DefinitionParseResult Parse(string text) => Parse(text, null);

    /// <summary>Parses <paramref name="text"/> as the syntax <paramref name="contentType"/> names: a JSON media type
    /// (<c>application/json</c>, <c>text/json</c>, <c>*+json</c>) or a YAML one (<c>application/yaml</c>,
    /// <c>application/x-yaml</c>, <c>text/yaml</c>, <c>text/x-yaml</c>, <c>*+yaml</c>); null guesses as
    /// <see cref="Parse(string)"/> does. Parameters such as <c>; charset=utf-8</c> are ignored.</summary>
    public static DefinitionParseResult Parse(string text, string? contentType)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Encoding.UTF8.GetByteCount(text) > MaxSourceBytes)
        {
            return Fail(string.Create(CultureInfo.InvariantCulture, $"is larger than {MaxSourceBytes} bytes"));
        }

        if (SourceCharacters.TryFindInvalid(text, out var at, out var problem))
        {
            return DefinitionParseResult.Failure([new DefinitionError("$", at.Line, at.Column, problem)]);
        }

        var format = contentType is null ? Guess(text) : FormatOf(contentType);
        if (format is not { } syntax)
        {
            return Fail($"has the content type '{contentType}': send application/yaml or application/json");
        }

        var document = syntax == SourceFormat.Json ? JsonDocumentReader.Read(text, MaxDepth) : YamlDocumentReader.Read(text, MaxDepth);
        if (contentType is null && syntax == SourceFormat.Json && document.Root is null && document.Errors.Count > 0)
        {
            (syntax, document) = (SourceFormat.Yaml, YamlDocumentReader.Read(text, MaxDepth));
        }
        if (document.Errors.Count > 0 && document.Root is null)
        {
            return DefinitionParseResult.Failure(Finish([.. document.Errors]));
        }

        var definition = DefinitionReader.Read(document, text, syntax, MaxSteps, out var errors);
        errors.InsertRange(0, document.Errors);
        return definition is not null && errors.Count == 0
            ? DefinitionParseResult.Success(definition)
            : DefinitionParseResult.Failure(Finish(errors));
    }

    private static SourceFormat? FormatOf(string contentType)
    {
        var mediaType = contentType.Split(';')[0].Trim().ToLowerInvariant();
        return mediaType switch
        {
            "application/json" or "text/json" => SourceFormat.Json,
            "application/yaml" or "application/x-yaml" or "text/yaml" or "text/x-yaml" => SourceFormat.Yaml,
            _ when mediaType.EndsWith("+json", StringComparison.Ordinal) => SourceFormat.Json,
            _ when mediaType.EndsWith("+yaml", StringComparison.Ordinal) => SourceFormat.Yaml,
            _ => null,
        };
    }

    private static SourceFormat Guess(string text) =>
        text.AsSpan().TrimStart().StartsWith("{") ? SourceFormat.Json : SourceFormat.Yaml;

    // Source order, and a cap on how many are reported.
    private static List<DefinitionError> Finish(List<DefinitionError> errors)
    {
        var ordered = errors
            .Select((error, index) => (error, index))
            .OrderBy(entry => entry.error.Line ?? 0)
            .ThenBy(entry => entry.error.Column ?? 0)
            .ThenBy(entry => entry.index)
            .Select(entry => entry.error)
            .ToList();
        if (ordered.Count <= MaxErrors)
        {
            return ordered;
        }

        return [.. ordered.Take(MaxErrors), new DefinitionError("$", null, null, string.Create(
            CultureInfo.InvariantCulture, $"validation stopped after {MaxErrors} errors ({ordered.Count} found)"))];
    }

    private static DefinitionParseResult Fail(string message) =>
        DefinitionParseResult.Failure([new DefinitionError("$", 1, 1, message)]);
}
