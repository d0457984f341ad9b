using System.Text.Json.Nodes;

namespace FunctionsFlow.Workflows.Expressions;

/// <summary>What an expression can read: the roots <c>input</c>, <c>vars</c>, <c>scopes</c>, <c>steps</c>,
/// <c>execution</c> and <c>now</c>, and the limits of the evaluation.</summary>
/// <remarks>Evaluation never reads a clock or any other ambient state: the same context always gives the same
/// result, which keeps a replayed workflow deterministic. The roots are read, never changed.</remarks>
public sealed record ExpressionContext
{
    /// <summary>The execution's input (<c>input</c>).</summary>
    public JsonNode? Input { get; init; }

    /// <summary>The run's own variables (<c>vars</c>).</summary>
    public JsonNode? Vars { get; init; }

    /// <summary>The scoped variables by scope name: <c>user</c>, <c>workflow</c>, <c>session</c>, <c>global</c> (<c>scopes</c>).</summary>
    public JsonNode? Scopes { get; init; }

    /// <summary>The steps that ran, by step id, each with its <c>output</c> (<c>steps</c>).</summary>
    public JsonNode? Steps { get; init; }

    /// <summary>Facts about the execution such as its id and workflow (<c>execution</c>).</summary>
    public JsonNode? Execution { get; init; }

    /// <summary>The current time as an ISO 8601 string, supplied by the caller from the orchestration's clock (<c>now</c>).</summary>
    public string? Now { get; init; }

    /// <summary>The limits of evaluation.</summary>
    public ExpressionLimits Limits { get; init; } = ExpressionLimits.Default;

    /// <summary>Names only the clock and limits: the roots may hold personal data or secrets and stay out of logs.</summary>
    public override string ToString() => $"ExpressionContext {{ Now = {Now}, Limits = {Limits} }}";
}
