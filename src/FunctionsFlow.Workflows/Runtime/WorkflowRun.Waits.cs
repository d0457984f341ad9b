using System.Text.Json;
using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Definitions.Steps;
using FunctionsFlow.Workflows.Expressions.Values;
using FunctionsFlow.Workflows.Sessions;
using FunctionsFlow.Workflows.Suspension;
using FunctionsFlow.Workflows.Variables;

namespace FunctionsFlow.Workflows.Runtime;

internal sealed partial class WorkflowRun
{
    /// <summary>Waits for the event named after the wait. A value that fails the wait's schema is ignored (the wait
    /// goes on); a timeout runs <c>onTimeout</c>, or fails the step when there is none.</summary>
    /// <remarks>Where the run can go on from a checkpoint (<paramref name="position"/> is not null), the wait first
    /// takes one and continues as a new execution, which waits: its history holds only the wait, so what waiting and
    /// resuming cost does not grow with what ran before. The deadline is kept across executions.</remarks>
    private async Task<JsonNode?> WaitForInputAsync(WaitForInputStep wait, Frame frame, int record, int[]? position)
    {
        DateTimeOffset? expiresAt;
        if (IsResumeTarget(position))
        {
            expiresAt = _resume!.WaitExpiresAt;
            _resume = null;
        }
        else
        {
            expiresAt = wait.WaitTimeout is { } timeout ? Now + timeout : null;
            if (position is not null)
            {
                _records[record] = _records[record] with { Status = StepRunStatus.Waiting };
                throw Checkpoint(wait, position, frame, expiresAt);
            }
        }

        var open = new OpenWait(wait.Id, wait.Name, expiresAt, wait.Schema is { } schema ? JsonSerializer.SerializeToElement(schema.ToJsonNode()) : null);
        var issued = _context.CallActivityAsync<bool>(
            IssueResumeKeyActivity.Name,
            new SuspensionWait(_context.InstanceId, _context.ExecutionId, wait.Id, wait.Name, _input.Owner, expiresAt, open.Schema));

        // Shown as waiting in the same commit that issues the key: the status adds the link once the key exists.
        _waiting.Add(open);
        _records[record] = _records[record] with { Status = StepRunStatus.Waiting };
        Publish();
        try
        {
            await issued.ConfigureAwait(true);
            while (true)
            {
                JsonElement received;
                try
                {
                    received = expiresAt is { } end
                        ? await _context.WaitForExternalEvent<JsonElement>(wait.Name, end > Now ? end - Now : TimeSpan.Zero).ConfigureAwait(true)
                        : await _context.WaitForExternalEvent<JsonElement>(wait.Name).ConfigureAwait(true);
                }
                catch (TaskCanceledException)
                {
                    _waiting.Remove(open);
                    await CloseKeyAsync(wait).ConfigureAwait(true);
                    if (wait.OnTimeout.IsEmpty)
                    {
                        throw new StepFailedException(wait.Id, $"No input for '{wait.Name}' arrived within {wait.WaitTimeout}.", retryable: false);
                    }

                    _records[record] = _records[record] with { Status = StepRunStatus.TimedOut };
                    await RunListAsync(wait.OnTimeout, frame, null).ConfigureAwait(true);
                    return null;
                }

                var value = JsonValues.ToNode(received);
                if (wait.Schema is { } declared && declared.Schema.Validate(value) is { Count: > 0 } errors)
                {
                    var logger = _context.CreateReplaySafeLogger("FunctionsFlow.Workflows");
                    Log.InputRejected(logger, _context.InstanceId, wait.Id, errors.Count);
                    continue;
                }

                // Not awaited: a key used through its link is closed already; one left open by an event raised by the
                // owner is closed in the background, without holding up the steps that follow.
                _ = CloseKeyAsync(wait);
                return value;
            }
        }
        finally
        {
            _waiting.Remove(open);
        }
    }

    private Task CloseKeyAsync(WaitForInputStep wait) =>
        _context.CallActivityAsync<bool>(CloseResumeKeyActivity.Name, new WaitReference(_context.InstanceId, wait.Id));

    /// <summary>Reads the scopes a step's expressions refer to, through their entities, so the step sees current
    /// values (the answers are in history, so a replay sees the same).</summary>
    private async Task RefreshScopesAsync(WorkflowStep step)
    {
        foreach (var kind in StepReferences.ScopesReadBy(step))
        {
            var (name, scope) = await ResolveScopeAsync(step, kind, write: false).ConfigureAwait(true);
            var items = await _context.CallEntityAsync<Dictionary<string, StoredVariable>>(scope.EntityId, nameof(VariablesEntity.List)).ConfigureAwait(true);
            var snapshot = new JsonObject();
            foreach (var (key, variable) in items ?? [])
            {
                snapshot[key] = JsonValues.ToNode(variable.Value);
            }

            _scopes[name] = snapshot;
        }
    }

    /// <summary>The scope a step reads or writes, for this execution's owner. The session scope is the session
    /// named by the input's <c>sessionId</c>, which must be a live session of the owner; global writes need an admin owner.</summary>
    private async Task<(string Name, Variables.VariableScope Scope)> ResolveScopeAsync(WorkflowStep step, Definitions.VariableScope kind, bool write)
    {
        switch (kind)
        {
            case Definitions.VariableScope.User:
                return ("user", Variables.VariableScope.User(_input.Owner));
            case Definitions.VariableScope.Workflow:
                return ("workflow", Variables.VariableScope.Workflow(_input.Owner, _input.WorkflowId));
            case Definitions.VariableScope.Global:
                return write && !_input.OwnerIsAdmin
                    ? throw new StepFailedException(step.Id, "Only an admin's executions may write global variables.", retryable: false)
                    : ("global", Variables.VariableScope.Global);
            default:
                if (_inputNode is not JsonObject input || !input.TryGetPropertyValue("sessionId", out var id) || id?.GetValueKind() != JsonValueKind.String)
                {
                    throw new StepFailedException(step.Id, "The session scope needs the execution's input to name a session (input.sessionId).", retryable: false);
                }

                var sessionId = id.GetValue<string>();
                var session = SessionStore.IsWellFormedId(sessionId)
                    ? await _context.CallEntityAsync<SessionState?>(SessionStore.EntityId(sessionId), nameof(SessionEntity.Get)).ConfigureAwait(true)
                    : null;
                return session?.Owner == _input.Owner
                    ? ("session", Variables.VariableScope.Session(sessionId))
                    : throw new StepFailedException(step.Id, $"There is no live session '{sessionId}' of this execution's owner.", retryable: false);
        }
    }

    private static partial class Log
    {
        [Microsoft.Extensions.Logging.LoggerMessage(EventId = 3001, Level = Microsoft.Extensions.Logging.LogLevel.Information,
            Message = "Execution {InstanceId}: input for step {StepId} did not match its schema ({ErrorCount} errors) and was ignored")]
        public static partial void InputRejected(Microsoft.Extensions.Logging.ILogger logger, string instanceId, string stepId, int errorCount);
    }
}
