using FunctionsFlow.Durable;

namespace FunctionsFlow.Workflows.Suspension;

/// <summary>Opens a wait's suspension key. History records only that it ran: neither the key nor anything that
/// derives it goes back to the orchestration. Without a <see cref="SuspensionStore"/> (tests on the in-memory
/// backend) it does nothing, and waits are resumed by events alone.</summary>
public sealed class IssueResumeKeyActivity(SuspensionStore? store = null) : TaskActivity<SuspensionWait, bool>
{
    /// <summary>The activity's registered name.</summary>
    public const string Name = "functionsflow.issueResumeKey";

    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, SuspensionWait input, CancellationToken cancellationToken)
    {
        if (store is null)
        {
            return false;
        }

        await store.IssueAsync(input, cancellationToken).ConfigureAwait(false);
        return true;
    }
}

/// <summary>The wait a key belongs to.</summary>
public sealed record WaitReference(string InstanceId, string StepId);

/// <summary>Closes a wait's key once the wait is over (an unused key expires).</summary>
public sealed class CloseResumeKeyActivity(SuspensionStore? store = null) : TaskActivity<WaitReference, bool>
{
    /// <summary>The activity's registered name.</summary>
    public const string Name = "functionsflow.closeResumeKey";

    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, WaitReference input, CancellationToken cancellationToken)
    {
        if (store is null)
        {
            return false;
        }

        await store.CloseAsync(input.InstanceId, input.StepId, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
