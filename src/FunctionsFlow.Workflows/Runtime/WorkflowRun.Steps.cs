using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FunctionsFlow.Durable;
using FunctionsFlow.Workflows.Connections;
using FunctionsFlow.Workflows.Definitions.Steps;
using FunctionsFlow.Workflows.Expressions.Values;
using FunctionsFlow.Workflows.Variables;

namespace FunctionsFlow.Workflows.Runtime;

internal sealed partial class WorkflowRun
{
    private static readonly TimeSpan DefaultHttpTimeout = TimeSpan.FromSeconds(100);

    /// <summary>One attempt of a step: its output and (for the record) what it was given.</summary>
    private async Task<(JsonNode? Output, JsonNode? Input)> ExecuteAsync(WorkflowStep step, Frame frame, int record, int[]? position)
    {
        switch (step)
        {
            case SetStep set:
                return (await SetAsync(set, frame, record).ConfigureAwait(true), null);
            case HttpStep http:
                return await HttpAsync(http, frame).ConfigureAwait(true);
            case WaitForInputStep wait:
                return (await WaitForInputAsync(wait, frame, record, position).ConfigureAwait(true), null);
            case DelayStep delay:
                await _context.CreateTimer(_context.CurrentUtcDateTime + delay.Duration, CancellationToken.None).ConfigureAwait(true);
                return (null, null);
            case UntilStep until:
                var due = Evaluate(step, () => ReadTime(until, until.Time.Evaluate(Context(frame))));
                if (due > Now)
                {
                    await _context.CreateTimer(due.UtcDateTime, CancellationToken.None).ConfigureAwait(true);
                }

                return (null, JsonValue.Create(due.ToString("O", CultureInfo.InvariantCulture)));
            case IfStep branch:
                var condition = ResumeBranch(position) is { } taken ? taken == 0 : Evaluate(step, () => JsonValues.IsTruthy(branch.Condition.Evaluate(Context(frame))));
                await RunListAsync(condition ? branch.Then : branch.Else, frame, Child(position, condition ? 0 : 1)).ConfigureAwait(true);
                return (new JsonObject { ["branch"] = condition ? "then" : "else" }, null);
            case SwitchStep choice:
                return (await SwitchAsync(choice, frame, position).ConfigureAwait(true), null);
            case ParallelStep parallel:
                return (await ParallelAsync(parallel, frame, record).ConfigureAwait(true), null);
            case ForEachStep loop:
                return (await ForEachAsync(loop, frame).ConfigureAwait(true), null);
            case CallStep call:
                return await CallAsync(call, frame).ConfigureAwait(true);
            case CheckpointStep checkpoint:
                var saved = new JsonObject { ["name"] = checkpoint.Name ?? checkpoint.Id, ["at"] = NowText };
                if (position is not null)
                {
                    Finish(record, StepRunStatus.Succeeded, 1, saved, null);
                    SetOutput(step.Id, saved, "Succeeded");
                    throw Checkpoint(step, position, frame);
                }

                return (saved, null);
            case ReturnStep done:
                var value = Evaluate(step, () => done.Value.Evaluate(Context(frame)));
                SetOutput(step.Id, value, "Succeeded");
                Finish(record, StepRunStatus.Succeeded, 1, value, null);
                throw new ReturnSignal(value);
            case FailStep fail:
                var message = Evaluate(step, () => JsonValues.Render(fail.Message.Evaluate(Context(frame))));
                Finish(record, StepRunStatus.Failed, 1, null, null, message);
                throw new WorkflowFailedException(step.Id, message, fail.Code);
            default:
                throw new StepFailedException(step.Id, $"Steps of kind '{step.Kind}' cannot run here.", retryable: false);
        }
    }

    private async Task<JsonNode?> SetAsync(SetStep set, Frame frame, int record)
    {
        var values = new JsonObject();
        foreach (var (name, template) in set.Values)
        {
            values[name] = Evaluate(set, () => template.Evaluate(Context(frame)));
        }

        if (set.Scope == Definitions.VariableScope.Run)
        {
            foreach (var (name, value) in values)
            {
                frame.Vars[name] = value?.DeepClone();
            }

            AuditVars(record, values);
            return values;
        }

        var (kind, scope) = await ResolveScopeAsync(set, set.Scope, write: true).ConfigureAwait(true);
        var writes = values.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value), StringComparer.Ordinal);
        var result = await _context.CallEntityAsync<VariableWriteResult>(scope.EntityId, nameof(VariablesEntity.SetMany), new VariableWriteMany(writes)).ConfigureAwait(true);
        if (result is not { Applied: true })
        {
            throw new StepFailedException(set.Id, result?.Message ?? "The variable write was refused.", retryable: false);
        }

        var snapshot = _scopes[kind] as JsonObject ?? [];
        foreach (var (name, value) in values)
        {
            snapshot[name] = value?.DeepClone();
        }

        _scopes[kind] = snapshot;
        return values;
    }

    private async Task<(JsonNode? Output, JsonNode? Input)> HttpAsync(HttpStep http, Frame frame)
    {
        var context = Context(frame);
        var call = Evaluate(http, () =>
        {
            var url = new StringBuilder(http.Url is null ? string.Empty : JsonValues.Render(http.Url.Evaluate(context)));
            var separator = url.ToString().Contains('?', StringComparison.Ordinal) ? '&' : '?';
            foreach (var (name, template) in http.Query)
            {
                url.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(JsonValues.Render(template.Evaluate(context))));
                separator = '&';
            }

            var headers = http.Headers.ToDictionary(h => h.Key, h => JsonValues.Render(h.Value.Evaluate(context)), StringComparer.OrdinalIgnoreCase);
            var body = http.Body?.Evaluate(context);
            return new HttpCall(http.Method.Method, url.ToString(), headers, body is null ? null : JsonSerializer.SerializeToElement(body), http.RequestTimeout ?? DefaultHttpTimeout, http.Connection, _input.Owner);
        });
        // What the step run records: never a credential (those are added inside the activity).
        var request = new JsonObject { ["method"] = call.Method, ["url"] = call.Url.Length == 0 ? null : call.Url };
        if (call.Connection is { } connection)
        {
            request["connection"] = connection;
        }

        HttpCallResult result;
        try
        {
            result = await _context.CallActivityAsync<HttpCallResult>(HttpStepActivity.Name, call).ConfigureAwait(true);
        }
        catch (TaskFailedException ex)
        {
            // A connection that cannot be used will not become usable by trying again.
            var retryable = !ex.FailureDetails.IsCausedBy<ConnectionUnusableException>();
            throw new StepFailedException(http.Id, ex.FailureDetails.ErrorMessage, retryable, innerException: ex);
        }

        var output = new JsonObject
        {
            ["status"] = result.Status,
            ["headers"] = JsonSerializer.SerializeToNode(result.Headers),
            ["body"] = result.Body is { } b ? JsonValues.ToNode(b) : null,
        };
        if (!http.IsExpected(result.Status))
        {
            var retryable = result.Status >= 500 || result.Status is 408 or 429;
            var code = result.Status.ToString(CultureInfo.InvariantCulture);
            var target = call.Url.Length == 0 ? $"(the URL of connection '{call.Connection}')" : WithoutQuery(call.Url);
            throw new StepFailedException(http.Id, $"{call.Method} {target} answered {result.Status}.", retryable, code);
        }

        return (output, request);
    }

    private async Task<JsonNode?> SwitchAsync(SwitchStep choice, Frame frame, int[]? position)
    {
        if (ResumeBranch(position) is { } resumed)
        {
            await RunListAsync(resumed < choice.Cases.Length ? choice.Cases[resumed].Steps : choice.Default, frame, Child(position, resumed)).ConfigureAwait(true);
            return new JsonObject { ["case"] = resumed < choice.Cases.Length ? resumed : "default" };
        }

        var subject = Evaluate(choice, () => choice.Value?.Evaluate(Context(frame)));
        for (var i = 0; i < choice.Cases.Length; i++)
        {
            var @case = choice.Cases[i];
            var matches = Evaluate(choice, () =>
                (@case.When is null || JsonValues.IsTruthy(@case.When.Evaluate(Context(frame)))) &&
                (@case.EqualTo is null || JsonNode.DeepEquals(subject, @case.EqualTo.Evaluate(Context(frame)))));
            if (matches)
            {
                await RunListAsync(@case.Steps, frame, Child(position, i)).ConfigureAwait(true);
                return new JsonObject { ["case"] = i };
            }
        }

        await RunListAsync(choice.Default, frame, Child(position, choice.Cases.Length)).ConfigureAwait(true);
        return new JsonObject { ["case"] = "default" };
    }

    private async Task<JsonNode?> ParallelAsync(ParallelStep parallel, Frame frame, int record)
    {
        var before = (JsonObject)frame.Vars.DeepClone();
        var frames = parallel.Branches.Select(_ => frame.Fork()).ToList();
        var outputs = await Task.WhenAll(parallel.Branches.Select((branch, i) => RunListAsync(branch.Steps, frames[i], null))).ConfigureAwait(true);

        // Each branch's own changes to vars, merged in branch order.
        var merged = new JsonObject();
        foreach (var branchVars in frames.Select(f => f.Vars))
        {
            foreach (var (name, value) in branchVars)
            {
                if (!before.TryGetPropertyValue(name, out var old) || !JsonNode.DeepEquals(old, value))
                {
                    frame.Vars[name] = value?.DeepClone();
                    merged[name] = value?.DeepClone();
                }
            }
        }

        if (merged.Count > 0)
        {
            AuditVars(record, merged);
        }

        var result = new JsonObject();
        for (var i = 0; i < parallel.Branches.Length; i++)
        {
            result[parallel.Branches[i].Id ?? i.ToString(CultureInfo.InvariantCulture)] = outputs[i]?.DeepClone();
        }

        return result;
    }

    private async Task<JsonNode?> ForEachAsync(ForEachStep loop, Frame frame)
    {
        var items = Evaluate(loop, () => loop.Items.Evaluate(Context(frame))) as JsonArray
            ?? throw new StepFailedException(loop.Id, $"'{loop.Items}' did not give an array.", retryable: false);
        var outputs = new JsonNode?[items.Count];
        for (var start = 0; start < items.Count; start += loop.MaxConcurrency)
        {
            var batch = Enumerable.Range(start, Math.Min(loop.MaxConcurrency, items.Count - start)).Select(async index =>
            {
                var iteration = frame.Fork(index);
                iteration.Vars[loop.As] = items[index]?.DeepClone();
                iteration.Vars[loop.As + "Index"] = index;
                outputs[index] = await RunListAsync(loop.Steps, iteration, null).ConfigureAwait(true);
            });
            await Task.WhenAll(batch).ConfigureAwait(true);
        }

        return new JsonArray([.. outputs.Select(o => o?.DeepClone())]);
    }

    private async Task<(JsonNode? Output, JsonNode? Input)> CallAsync(CallStep call, Frame frame)
    {
        var input = Evaluate(call, () => call.Input?.Evaluate(Context(frame)));
        ResolvedWorkflow? target;
        try
        {
            target = await _context.CallActivityAsync<ResolvedWorkflow?>(ResolveWorkflowActivity.Name, new WorkflowReference(_input.Owner, call.WorkflowId)).ConfigureAwait(true);
        }
        catch (TaskFailedException ex)
        {
            throw new StepFailedException(call.Id, ex.FailureDetails.ErrorMessage, retryable: true, innerException: ex);
        }

        if (target is null)
        {
            throw new StepFailedException(call.Id, $"There is no published workflow '{call.WorkflowId}'.", retryable: false);
        }

        if (_input.CallDepth + 1 > WorkflowRunInput.MaxCallDepth)
        {
            throw new StepFailedException(call.Id, $"Calls nest more than {WorkflowRunInput.MaxCallDepth} deep; do the workflows call each other in a cycle?", retryable: false);
        }

        var childInput = new WorkflowRunInput(_input.Owner, call.WorkflowId, target.Version, target.Source, input is null ? null : JsonSerializer.SerializeToElement(input), _input.OwnerIsAdmin, _input.CallDepth + 1);
        try
        {
            var output = await _context.CallSubOrchestratorAsync<JsonNode?>(WorkflowOrchestrator.Name, childInput).ConfigureAwait(true);
            return (output, new JsonObject { ["workflowId"] = call.WorkflowId, ["version"] = target.Version, ["input"] = input?.DeepClone() });
        }
        catch (TaskFailedException ex)
        {
            throw new StepFailedException(call.Id, ex.FailureDetails.ErrorMessage, retryable: true, innerException: ex);
        }
    }

    private static DateTimeOffset ReadTime(UntilStep step, JsonNode? value) =>
        JsonValues.TryGetString(value, out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new StepFailedException(step.Id, $"'{step.Time}' did not give a date and time.", retryable: false);

    private static string WithoutQuery(string url) => url.Split('?', 2)[0];
}
