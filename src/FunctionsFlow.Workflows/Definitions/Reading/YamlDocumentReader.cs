using FunctionsFlow.Workflows.Schema;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FunctionsFlow.Workflows.Definitions.Reading;

/// <summary>Reads one YAML document into a JSON tree, keeping where each value was written.</summary>
/// <remarks>Only what JSON can hold is accepted: aliases (<c>*name</c>) are refused, so a document cannot expand
/// into a bomb; keys must be scalars; tags other than the YAML core ones are refused.</remarks>
internal static class YamlDocumentReader
{
    /// <summary>Reads <paramref name="text"/>; the result's root is usable only when it has no errors.</summary>
    public static DocumentReadResult Read(string text, int maxDepth)
    {
        var builder = new DocumentBuilder(maxDepth);
        var parser = new Parser(new StringReader(text));
        var documents = 0;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                var at = new SourceLocation((int)current.Start.Line, (int)current.Start.Column);
                if (Accept(current, at, builder, ref documents) is { } fatal)
                {
                    return DocumentReadResult.Failed(builder.Errors, fatal);
                }
            }
        }
        catch (YamlException ex)
        {
            var at = new SourceLocation((int)ex.Start.Line, (int)ex.Start.Column);
            return DocumentReadResult.Failed(builder.Errors, DocumentBuilder.Error(builder.NextPath(), at, $"is not valid YAML: {Describe(ex)}"));
        }

        return new DocumentReadResult(builder.Root, builder.Map, builder.Errors);
    }

    // Feeds one event to the builder; a returned error ends the reading.
    private static DefinitionError? Accept(ParsingEvent current, SourceLocation at, DocumentBuilder builder, ref int documents)
    {
        switch (current)
        {
            case DocumentStart when ++documents > 1:
                return DocumentBuilder.Error(JsonPath.Root, at, "holds more than one YAML document: write one definition per text");
            case AnchorAlias alias:
                return DocumentBuilder.Error(builder.NextPath(), at, $"uses the alias *{alias.Value}: aliases are not supported, write the value out");
            case MappingStart or SequenceStart when builder.ExpectsKey:
                return DocumentBuilder.Error(builder.NextPath(), at, "has a key that is a mapping or a list: keys must be plain names");
            case MappingStart mapping:
                return CheckTag(mapping.Tag, "map", builder, at) ?? Start(builder.StartObject(at, out var mappingError), mappingError);
            case SequenceStart sequence:
                return CheckTag(sequence.Tag, "seq", builder, at) ?? Start(builder.StartArray(at, out var sequenceError), sequenceError);
            case MappingEnd or SequenceEnd:
                builder.End();
                return null;
            case Scalar scalar when builder.ExpectsKey:
                builder.Key(scalar.Value, at);
                return null;
            case Scalar scalar:
                if (!YamlScalars.TryConvert(scalar, out var value, out var problem))
                {
                    return DocumentBuilder.Error(builder.NextPath(), at, problem);
                }

                builder.Value(value, at);
                return null;
            default:
                return null;
        }
    }

    private static DefinitionError? Start(bool started, DefinitionError? error) => started ? null : error;

    private static DefinitionError? CheckTag(TagName tag, string expected, DocumentBuilder builder, SourceLocation at) =>
        tag.IsEmpty || tag.IsNonSpecific || tag.Value == YamlScalars.CoreTagPrefix + expected
            ? null
            : DocumentBuilder.Error(builder.NextPath(), at, $"has the tag {tag.Value}, which is not supported");

    // YamlDotNet messages start with the marks ("(Line: 3, Col: 5, Idx: 20) - (...): "); the error has them already.
    private static string Describe(YamlException ex)
    {
        var message = ex.Message;
        var separator = message.IndexOf("): ", StringComparison.Ordinal);
        return separator >= 0 && message.StartsWith('(') ? message[(separator + 3)..] : message;
    }
}
