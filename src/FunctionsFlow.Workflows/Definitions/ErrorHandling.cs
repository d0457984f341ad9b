namespace FunctionsFlow.Workflows.Definitions;

/// <summary>A step's <c>onError</c>: what happens once the step has failed for good.</summary>
public sealed record ErrorHandling
{
    /// <summary>The handling of a step that declares none: <see cref="ErrorStrategy.Stop"/>.</summary>
    public static ErrorHandling Default { get; } = new() { Strategy = ErrorStrategy.Stop };

    /// <summary>What to do.</summary>
    public required ErrorStrategy Strategy { get; init; }

    /// <summary>The output to use instead, for <see cref="ErrorStrategy.UseDefault"/>.</summary>
    public TemplateValue? Value { get; init; }

    /// <summary>The id of the step to run instead, for <see cref="ErrorStrategy.Alternative"/>.</summary>
    public string? AlternativeStepId { get; init; }

    /// <summary>The connection that hears of the failure, for <see cref="ErrorStrategy.NotifyAndContinue"/>.</summary>
    public string? Notify { get; init; }
}
