using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Expressions.Syntax;
using FunctionsFlow.Workflows.Expressions.Values;

namespace FunctionsFlow.Workflows.Expressions.Evaluation;

/// <summary>Evaluates a syntax tree over a context, counting its steps and what it copies.</summary>
/// <remarks>One evaluator serves one evaluation. Values read from the context are shared while evaluating and
/// copied only where they are placed into something new or handed back, so a result never aliases the context.</remarks>
internal sealed partial class Evaluator(ExpressionSource source, ExpressionContext context)
{
    private readonly JsonNode?[] _contextRoots = [context.Input, context.Vars, context.Scopes, context.Steps, context.Execution];
    private int _steps;
    private int _copied;

    /// <summary>The text being evaluated.</summary>
    public ExpressionSource Source => source;

    /// <summary>The limits of this evaluation.</summary>
    public ExpressionLimits Limits { get; } = context.Limits;

    /// <summary>Evaluates a tree to a value the caller owns, no deeper than <see cref="ExpressionLimits.MaxValueDepth"/>.</summary>
    public JsonNode? EvaluateResult(ExpressionNode node)
    {
        var value = Evaluate(node);
        return IsOwned(value) ? WithinDepth(value, node.Position) : Copy(value, node.Position, charge: false);
    }

    /// <summary>Evaluates a tree to text, as string interpolation shows it: a string as it is, null as nothing, else compact JSON.</summary>
    public string EvaluateText(ExpressionNode node) => Render(Evaluate(node), node.Position);

    /// <summary>A value as text, once its depth is known to be within the limit.</summary>
    public string Render(JsonNode? value, int position) => JsonValues.Render(WithinDepth(value, position));

    private JsonNode? Evaluate(ExpressionNode node)
    {
        if (++_steps > Limits.MaxEvaluationSteps)
        {
            throw source.Error(node.Position, string.Create(
                CultureInfo.InvariantCulture, $"Expression takes more than {Limits.MaxEvaluationSteps} evaluation steps"));
        }

        return node switch
        {
            LiteralNode literal => literal.Value?.DeepClone(),
            RootNode root => ReadRoot(root.Root),
            MemberNode member => Evaluate(member.Target) is JsonObject obj && obj.TryGetPropertyValue(member.Name, out var value) ? value : null,
            IndexNode index => ReadIndex(index),
            UnaryNode unary => EvaluateUnary(unary),
            BinaryNode binary => EvaluateBinary(binary),
            ConditionalNode conditional => JsonValues.IsTruthy(Evaluate(conditional.Condition))
                ? Evaluate(conditional.WhenTrue)
                : Evaluate(conditional.WhenFalse),
            CallNode call => call.Function.Invoke(new FunctionCall(this, call, [.. call.Arguments.Select(Evaluate)])),
            ArrayNode array => NewArray([.. array.Items.Select(Evaluate)], array.Position),
            ObjectNode obj => BuildObject(obj),
            _ => throw new UnreachableException($"No evaluation for {node.GetType().Name}."),
        };
    }

    private JsonNode? ReadRoot(ExpressionRoot root) => root switch
    {
        ExpressionRoot.Input => context.Input,
        ExpressionRoot.Vars => context.Vars,
        ExpressionRoot.Scopes => context.Scopes,
        ExpressionRoot.Steps => context.Steps,
        ExpressionRoot.Execution => context.Execution,
        _ => context.Now is null ? null : JsonValue.Create(context.Now),
    };

    private JsonNode? ReadIndex(IndexNode node)
    {
        var target = Evaluate(node.Target);
        var key = Evaluate(node.Index);
        if (target is JsonObject obj && JsonValues.TryGetString(key, out var name))
        {
            return obj.TryGetPropertyValue(name, out var value) ? value : null;
        }

        if (target is not JsonArray array || !JsonNumber.TryRead(key, out var number))
        {
            return null;
        }

        if (!number.IsInteger)
        {
            throw source.Error(node.Position, $"An array index must be a whole number but was {number}");
        }

        // Compared as doubles first, so an index too large for an int is simply out of range.
        var position = number.Double < 0 ? number.Double + array.Count : number.Double;
        return position >= 0 && position < array.Count ? array[(int)position] : null;
    }

    private JsonObject BuildObject(ObjectNode node)
    {
        var result = new JsonObject();
        foreach (var (name, member) in node.Members)
        {
            result[name] = Adopt(Evaluate(member), member.Position);
        }

        return result;
    }
}
