using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FunctionsFlow.Durable;
using FunctionsFlow.Workflows.Definitions;
using FunctionsFlow.Workflows.Definitions.Steps;
using FunctionsFlow.Workflows.Expressions;
using FunctionsFlow.Workflows.Expressions.Values;

namespace FunctionsFlow.Workflows.Runtime;

/// <summary>One execution of a definition: the state expressions read (<c>input</c>, <c>vars</c>, <c>scopes</c>,
/// <c>steps</c>, <c>execution</c>, <c>now</c>) and the step runs. Everything that is not a pure function of the
/// definition and the history goes through the orchestration context.</summary>
/// <remarks>Parallel branches and loop iterations each work on a copy of <c>vars</c>: a branch's changes are merged
/// back in branch order when the parallel step ends; an iteration's are dropped (the loop's output is the list of
/// each iteration's last output). Step outputs (<c>steps.&lt;id&gt;</c>) are shared; inside a loop the last
/// iteration to finish a step wins.</remarks>
internal sealed partial class WorkflowRun
{
    private readonly TaskOrchestrationContext _context;
    private readonly WorkflowDefinition _definition;
    private readonly WorkflowRunInput _input;
    private readonly JsonNode? _inputNode;
    private JsonObject _steps = [];
    private readonly JsonObject _scopes = [];
    private readonly JsonObject _execution;
    private readonly List<StepRun> _records = [];
    private readonly List<OpenWait> _waiting = [];

    public WorkflowRun(TaskOrchestrationContext context, WorkflowDefinition definition, WorkflowRunInput input)
    {
        _context = context;
        _definition = definition;
        _input = input;
        _inputNode = input.Input is { } json ? JsonValues.ToNode(json) : null;
        _execution = new JsonObject
        {
            ["id"] = context.InstanceId,
            ["workflowId"] = input.WorkflowId,
            ["version"] = input.Version,
            ["owner"] = input.Owner,
            ["startedAt"] = NowText,
        };
    }

    /// <summary>A run that goes on from a checkpoint.</summary>
    public WorkflowRun(TaskOrchestrationContext context, WorkflowDefinition definition, WorkflowRunInput input, WorkflowCheckpoint from)
        : this(context, definition, input) => Restore(from);

    private DateTimeOffset Now => new(DateTime.SpecifyKind(_context.CurrentUtcDateTime, DateTimeKind.Utc));

    private string NowText => Now.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public async Task<JsonNode?> RunAsync()
    {
        var frame = new Frame(_resume is null ? [] : (JsonObject)_resume.Vars.DeepClone(), null);
        try
        {
            await RunListAsync(_definition.Steps, frame, []).ConfigureAwait(true);
            return frame.Vars;
        }
        catch (ReturnSignal done)
        {
            return done.Value;
        }
        catch (ContinueAsNewSignal)
        {
            return null;
        }
        finally
        {
            Publish();
        }
    }

    /// <summary>Runs a list of steps; <paramref name="list"/> is the list's position (null where a run cannot go on
    /// from a checkpoint).</summary>
    private async Task<JsonNode?> RunListAsync(ImmutableArray<WorkflowStep> steps, Frame frame, int[]? list)
    {
        JsonNode? last = null;
        for (var i = StartIndex(list); i < steps.Length; i++)
        {
            var position = Child(list, i);
            if (IsResumeTarget(position) && steps[i] is CheckpointStep)
            {
                _resume = null; // the checkpoint step itself ran before the checkpoint
                continue;
            }

            last = await RunStepAsync(steps[i], frame, position).ConfigureAwait(true);
        }

        return last;
    }

    /// <summary>Runs a step with its retry policy and, when it still fails, its <c>onError</c>.</summary>
    private async Task<JsonNode?> RunStepAsync(WorkflowStep step, Frame frame, int[]? position = null)
    {
        var record = ResumedRecord(position) ?? Begin(step, frame);
        if (position is not null)
        {
            _openRecords.Push(new OpenStepRun(position.Length, record));
        }

        try
        {
            return await RunAttemptsAsync(step, frame, position, record).ConfigureAwait(true);
        }
        finally
        {
            if (position is not null)
            {
                _openRecords.Pop();
            }
        }
    }

    private async Task<JsonNode?> RunAttemptsAsync(WorkflowStep step, Frame frame, int[]? position, int record)
    {
        var attempt = 0;
        while (true)
        {
            attempt++;
            try
            {
                await RefreshScopesAsync(step).ConfigureAwait(true);
                var (output, input) = await ExecuteAsync(step, frame, record, position).ConfigureAwait(true);
                var status = _records[record].Status == StepRunStatus.TimedOut ? StepRunStatus.TimedOut : StepRunStatus.Succeeded;
                Finish(record, status, attempt, output, input);
                SetOutput(step.Id, output, status.ToString());
                return output;
            }
            catch (StepFailedException failure)
            {
                if (failure.Retryable && NextRetryDelay(step, attempt, record) is { } delay)
                {
                    await _context.CreateTimer(_context.CurrentUtcDateTime + delay, CancellationToken.None).ConfigureAwait(true);
                    continue;
                }

                return await HandleFailureAsync(step, frame, record, attempt, failure).ConfigureAwait(true);
            }
        }
    }

    private TimeSpan? NextRetryDelay(WorkflowStep step, int attempt, int record)
    {
        if (step.Retry is not { } retry || attempt >= retry.MaxAttempts)
        {
            return null;
        }

        var delay = retry.DelayBefore(attempt);
        return step.Timeout is { } limit && Now - _records[record].StartedAt + delay > limit ? null : delay;
    }

    private async Task<JsonNode?> HandleFailureAsync(WorkflowStep step, Frame frame, int record, int attempts, StepFailedException failure)
    {
        var onError = step.OnError;
        switch (onError.Strategy)
        {
            case ErrorStrategy.Skip:
                Finish(record, StepRunStatus.Skipped, attempts, null, null, failure.Reason);
                SetOutput(step.Id, null, "Skipped", failure.Reason);
                return null;
            case ErrorStrategy.UseDefault:
                var fallback = Evaluate(step, () => onError.Value?.Evaluate(Context(frame)));
                Finish(record, StepRunStatus.Failed, attempts, fallback, null, failure.Reason);
                SetOutput(step.Id, fallback, "Failed", failure.Reason);
                return fallback;
            case ErrorStrategy.Alternative when onError.AlternativeStepId is { } alternativeId && _definition.TryGetStep(alternativeId, out var alternative):
                Finish(record, StepRunStatus.Failed, attempts, null, null, failure.Reason);
                var output = await RunStepAsync(alternative, frame).ConfigureAwait(true);
                SetOutput(step.Id, output, "Failed", failure.Reason);
                return output;
            case ErrorStrategy.NotifyAndContinue:
                Finish(record, StepRunStatus.Failed, attempts, null, null, failure.Reason);
                SetOutput(step.Id, null, "Failed", failure.Reason);
                Log.StepFailedAndContinued(_context.CreateReplaySafeLogger("FunctionsFlow.Workflows"), _context.InstanceId, step.Id, onError.Notify ?? "(alerts)", failure.Reason);
                return null;
            default:
                Finish(record, StepRunStatus.Failed, attempts, null, null, failure.Reason);
                SetOutput(step.Id, null, "Failed", failure.Reason);
                throw failure;
        }
    }

    private int Begin(WorkflowStep step, Frame frame)
    {
        _records.Add(new StepRun { StepId = step.Id, Kind = step.Kind, Status = StepRunStatus.Running, StartedAt = Now, Iteration = frame.Iteration });
        Publish();
        return _records.Count - 1;
    }

    private void Finish(int record, StepRunStatus status, int attempts, JsonNode? output, JsonNode? input, string? error = null) =>
        _records[record] = _records[record] with
        {
            Status = status,
            Attempts = attempts,
            CompletedAt = Now,
            Output = ToElement(output),
            Input = ToElement(input) ?? _records[record].Input,
            Error = error,
        };

    /// <summary>Records which <c>vars</c> a step run changed, and to what.</summary>
    private void AuditVars(int record, JsonObject changes) =>
        _records[record] = _records[record] with { VarsChanged = ToElement(changes) };

    private void SetOutput(string stepId, JsonNode? output, string status, string? error = null)
    {
        var entry = new JsonObject { ["output"] = output?.DeepClone(), ["status"] = status };
        if (error is not null)
        {
            entry["error"] = error;
        }

        _steps[stepId] = entry;
    }

    /// <summary>Shows the step runs and open waits in the execution's custom status.</summary>
    private void Publish() =>
        _context.SetCustomStatus(new WorkflowProgress(
            _records.Count > WorkflowProgress.MaxRecords ? _records[^WorkflowProgress.MaxRecords..] : [.. _records],
            [.. _waiting]));

    private ExpressionContext Context(Frame frame) => new()
    {
        Input = _inputNode,
        Vars = frame.Vars,
        Scopes = _scopes,
        Steps = _steps,
        Execution = _execution,
        Now = NowText,
    };

    /// <summary>Runs an evaluation; an expression error fails the step (not retryable: it would fail again).</summary>
    private static T Evaluate<T>(WorkflowStep step, Func<T> evaluate)
    {
        try
        {
            return evaluate();
        }
        catch (ExpressionException ex)
        {
            throw new StepFailedException(step.Id, ex.Message, retryable: false, innerException: ex);
        }
    }

    /// <summary>A value as a step run records it: values over <see cref="StepRun.MaxRecordedBytes"/> are recorded as
    /// their size only (the whole value stays in <c>steps</c>, in the run's output and in its checkpoints), so the
    /// status every commit rewrites stays small.</summary>
    private static JsonElement? ToElement(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var buffer = new CappedBufferWriter(StepRun.MaxRecordedBytes);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            try
            {
                node.WriteTo(writer);
                writer.Flush();
            }
            catch (CappedBufferWriter.FullException)
            {
                return JsonSerializer.SerializeToElement(new { truncated = true, bytes = $"over {StepRun.MaxRecordedBytes}" });
            }
        }

        return JsonSerializer.Deserialize<JsonElement>(buffer.WrittenSpan);
    }

    /// <summary>Where a list of steps runs: its <c>vars</c> and, inside a loop, the iteration.</summary>
    private sealed record Frame(JsonObject Vars, int? Iteration)
    {
        public Frame Fork(int? iteration = null) => new((JsonObject)Vars.DeepClone(), iteration ?? Iteration);
    }

    /// <summary>A <c>return</c> step ends the run with a value.</summary>
    private sealed class ReturnSignal(JsonNode? value) : Exception("return")
    {
        public JsonNode? Value { get; } = value;
    }

    private static partial class Log
    {
        [Microsoft.Extensions.Logging.LoggerMessage(EventId = 3000, Level = Microsoft.Extensions.Logging.LogLevel.Warning,
            Message = "Execution {InstanceId}: step {StepId} failed and the workflow goes on (notify {Notify}): {Reason}")]
        public static partial void StepFailedAndContinued(Microsoft.Extensions.Logging.ILogger logger, string instanceId, string stepId, string notify, string reason);
    }
}
