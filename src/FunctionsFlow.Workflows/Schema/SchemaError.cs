namespace FunctionsFlow.Workflows.Schema;

/// <summary>One problem, at a JSON path such as <c>$.items[2].price</c> (in the instance, or in the schema for a
/// definition error), with a message for the person who sent the value or wrote the schema.</summary>
/// <param name="Path">Where the problem is: <c>$</c> for the root, <c>.name</c> for members, <c>['a b']</c> for members
/// whose name needs quoting, <c>[2]</c> for array items.</param>
/// <param name="Message">What is wrong, such as "must be a number but was a string" or "is required".</param>
public sealed record SchemaError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
