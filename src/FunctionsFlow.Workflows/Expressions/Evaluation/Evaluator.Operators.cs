using System.Text.Json;
using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Expressions.Syntax;
using FunctionsFlow.Workflows.Expressions.Values;

namespace FunctionsFlow.Workflows.Expressions.Evaluation;

/// <summary>The prefix and infix operators.</summary>
internal sealed partial class Evaluator
{
    private JsonNode? EvaluateUnary(UnaryNode node)
    {
        var operand = Evaluate(node.Operand);
        if (node.Operator == UnaryOperator.Not)
        {
            return JsonValue.Create(!JsonValues.IsTruthy(operand));
        }

        return JsonNumber.TryRead(operand, out var number)
            ? JsonArithmetic.Apply(ArithmeticOperator.Subtract, JsonNumber.From(0m), number).ToNode()
            : throw source.Error(node.Position, $"Operator '{node.Symbol}' needs a number but was given {JsonValues.Describe(operand)}");
    }

    private JsonNode? EvaluateBinary(BinaryNode node)
    {
        // The logical operators and ?? evaluate their right side only when it decides the result.
        switch (node.Operator)
        {
            case BinaryOperator.And:
                return JsonValue.Create(JsonValues.IsTruthy(Evaluate(node.Left)) && JsonValues.IsTruthy(Evaluate(node.Right)));
            case BinaryOperator.Or:
                return JsonValue.Create(JsonValues.IsTruthy(Evaluate(node.Left)) || JsonValues.IsTruthy(Evaluate(node.Right)));
            case BinaryOperator.Coalesce:
                return Evaluate(node.Left) ?? Evaluate(node.Right);
        }

        var left = Evaluate(node.Left);
        var right = Evaluate(node.Right);
        return node.Operator switch
        {
            BinaryOperator.Equal => JsonValue.Create(JsonTree.DeepEquals(left, right)),
            BinaryOperator.NotEqual => JsonValue.Create(!JsonTree.DeepEquals(left, right)),
            BinaryOperator.Less => JsonValue.Create(Compare(node, left, right) < 0),
            BinaryOperator.LessOrEqual => JsonValue.Create(Compare(node, left, right) <= 0),
            BinaryOperator.Greater => JsonValue.Create(Compare(node, left, right) > 0),
            BinaryOperator.GreaterOrEqual => JsonValue.Create(Compare(node, left, right) >= 0),
            BinaryOperator.Add => Add(node, left, right),
            BinaryOperator.Subtract => Arithmetic(node, ArithmeticOperator.Subtract, left, right),
            BinaryOperator.Multiply => Arithmetic(node, ArithmeticOperator.Multiply, left, right),
            BinaryOperator.Divide => Arithmetic(node, ArithmeticOperator.Divide, left, right),
            _ => Arithmetic(node, ArithmeticOperator.Remainder, left, right),
        };
    }

    // Numbers compare by value, strings ordinally; anything else is an error rather than a guess.
    private int Compare(BinaryNode node, JsonNode? left, JsonNode? right)
    {
        if (JsonNumber.TryRead(left, out var a) && JsonNumber.TryRead(right, out var b))
        {
            return a.CompareTo(b);
        }

        if (JsonValues.TryGetString(left, out var s) && JsonValues.TryGetString(right, out var t))
        {
            return string.CompareOrdinal(s, t);
        }

        throw source.Error(node.Position, $"Operator '{node.Symbol}' cannot compare {JsonValues.Describe(left)} and {JsonValues.Describe(right)}",
            "Both sides must be numbers or both strings");
    }

    // + adds numbers, joins text when either side is a string, and concatenates two arrays.
    private JsonNode? Add(BinaryNode node, JsonNode? left, JsonNode? right)
    {
        if (JsonValues.KindOf(left) == JsonValueKind.String || JsonValues.KindOf(right) == JsonValueKind.String)
        {
            var (s, t) = (Render(left, node.Position), Render(right, node.Position));
            CheckLength((long)s.Length + t.Length, node.Position);
            return JsonValue.Create(s + t);
        }

        if (left is JsonArray first && right is JsonArray second)
        {
            var (ownsFirst, ownsSecond) = (IsOwned(first), IsOwned(second));
            return NewArray([.. TakeItems(first, ownsFirst), .. TakeItems(second, ownsSecond)], node.Position);
        }

        return Arithmetic(node, ArithmeticOperator.Add, left, right);
    }

    private JsonValue Arithmetic(BinaryNode node, ArithmeticOperator op, JsonNode? left, JsonNode? right)
    {
        if (!JsonNumber.TryRead(left, out var a) || !JsonNumber.TryRead(right, out var b))
        {
            throw source.Error(node.Position, $"Operator '{node.Symbol}' cannot be applied to {JsonValues.Describe(left)} and {JsonValues.Describe(right)}",
                op == ArithmeticOperator.Add ? "It adds numbers, joins text to a string, and joins two arrays" : "It needs two numbers");
        }

        if (b.IsZero && op is ArithmeticOperator.Divide or ArithmeticOperator.Remainder)
        {
            throw source.Error(node.Position, $"Division by zero in '{node.Symbol}'");
        }

        var result = JsonArithmetic.Apply(op, a, b);
        return result.IsFinite
            ? result.ToNode()
            : throw source.Error(node.Position, $"Operator '{node.Symbol}' gives a number too large to represent");
    }
}
