namespace FunctionsFlow.Workflows.Definitions;

/// <summary>What a workflow does when a step still fails after its retries (<c>onError.strategy</c>).</summary>
public enum ErrorStrategy
{
    /// <summary>The workflow fails (the default).</summary>
    Stop,

    /// <summary>The step is recorded as failed, gives no output, and the workflow goes on.</summary>
    Skip,

    /// <summary>The step's output is <c>onError.value</c> and the workflow goes on.</summary>
    UseDefault,

    /// <summary>The step named by <c>onError.step</c> runs in its place; its output is the step's output.</summary>
    Alternative,

    /// <summary>The failure is sent to the <c>onError.notify</c> connection (or raised as an alert) and the workflow goes on.</summary>
    NotifyAndContinue,
}
