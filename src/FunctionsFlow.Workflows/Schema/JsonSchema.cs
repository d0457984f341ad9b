using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Expressions.Values;

namespace FunctionsFlow.Workflows.Schema;

/// <summary>A JSON Schema of the subset workflows use (for an execution's input and a <c>waitForInput</c> payload):
/// parsed once, immutable, safe to share, and able to report every error in an instance with its path.</summary>
/// <remarks>
/// Keywords: <c>type</c>, <c>required</c>, <c>properties</c>, <c>additionalProperties</c>, <c>items</c>, <c>enum</c>,
/// <c>const</c>, <c>minimum</c>, <c>maximum</c>, <c>exclusiveMinimum</c>, <c>exclusiveMaximum</c>, <c>minLength</c>,
/// <c>maxLength</c> (in code points), <c>minItems</c>, <c>maxItems</c>, <c>pattern</c> (.NET syntax, run without
/// backtracking) and <c>format</c> (<c>date-time</c>, <c>email</c>, <c>uri</c>); <c>description</c>, <c>title</c>,
/// <c>default</c>, <c>examples</c> and <c>$schema</c> are ignored. Anything else, <c>$ref</c> included, is a definition
/// error. Schemas nest at most 32 deep; instances at most 64.
/// </remarks>
public sealed class JsonSchema
{
    /// <summary>How deeply arrays and objects may nest in a validated instance.</summary>
    public const int MaxInstanceDepth = 64;

    private readonly SchemaNode _root;

    private JsonSchema(SchemaNode root) => _root = root;

    /// <summary>Parses a schema.</summary>
    /// <exception cref="SchemaDefinitionException">The schema has problems; all of them are listed with their paths.</exception>
    public static JsonSchema Parse(JsonNode? schema) =>
        TryParse(schema, out var result, out var errors) ? result : throw new SchemaDefinitionException(errors);

    /// <summary>Parses a schema, or gives every problem found in it with its path (such as <c>$.properties.amount.type</c>).</summary>
    public static bool TryParse(JsonNode? schema, [NotNullWhen(true)] out JsonSchema? result, out IReadOnlyList<SchemaError> errors)
    {
        var root = SchemaReader.Read(schema, out errors);
        result = errors.Count == 0 ? new JsonSchema(root) : null;
        return result is not null;
    }

    /// <summary>Every way <paramref name="instance"/> fails the schema (at most 100), in document order; empty when valid.</summary>
    public IReadOnlyList<SchemaError> Validate(JsonNode? instance)
    {
        if (!JsonTree.TryMeasure(instance, MaxInstanceDepth, out _))
        {
            return [new SchemaError("$", string.Create(CultureInfo.InvariantCulture, $"is nested more than {MaxInstanceDepth} levels deep"))];
        }

        var errors = new SchemaErrorList();
        _root.Validate(instance, JsonPath.Root, errors);
        return errors.ToList();
    }

    /// <summary>True when <paramref name="instance"/> satisfies the schema.</summary>
    public bool IsValid(JsonNode? instance) => Validate(instance).Count == 0;
}
