using System.Collections.Immutable;

namespace FunctionsFlow.Workflows.Definitions.Steps;

/// <summary>The step kinds, spelled as in a definition.</summary>
public static class StepKinds
{
    /// <summary><see cref="SetStep"/>.</summary>
    public const string Set = "set";

    /// <summary><see cref="HttpStep"/>.</summary>
    public const string Http = "http";

    /// <summary><see cref="WaitForInputStep"/>.</summary>
    public const string WaitForInput = "waitForInput";

    /// <summary><see cref="DelayStep"/>.</summary>
    public const string Delay = "delay";

    /// <summary><see cref="UntilStep"/>.</summary>
    public const string Until = "until";

    /// <summary><see cref="IfStep"/>.</summary>
    public const string If = "if";

    /// <summary><see cref="SwitchStep"/>.</summary>
    public const string Switch = "switch";

    /// <summary><see cref="ParallelStep"/>.</summary>
    public const string Parallel = "parallel";

    /// <summary><see cref="ForEachStep"/>.</summary>
    public const string ForEach = "forEach";

    /// <summary><see cref="CallStep"/>.</summary>
    public const string Call = "call";

    /// <summary><see cref="CheckpointStep"/>.</summary>
    public const string Checkpoint = "checkpoint";

    /// <summary><see cref="ReturnStep"/>.</summary>
    public const string Return = "return";

    /// <summary><see cref="FailStep"/>.</summary>
    public const string Fail = "fail";

    /// <summary>Every kind, in the order the documentation lists them.</summary>
    public static ImmutableArray<string> All { get; } =
        [Set, Http, WaitForInput, Delay, Until, If, Switch, Parallel, ForEach, Call, Checkpoint, Return, Fail];
}
