using System.Collections.Immutable;
using System.Text.Json.Nodes;
using System.Xml;
using FunctionsFlow.Workflows.Definitions.Steps;
using FunctionsFlow.Workflows.Expressions;

namespace FunctionsFlow.Workflows.Definitions;

/// <summary>Writes a definition in its normal JSON form (see <see cref="WorkflowDefinition.ToJson"/>).</summary>
internal static class DefinitionJsonWriter
{
    public static JsonObject Write(WorkflowDefinition definition)
    {
        var json = new JsonObject { ["id"] = definition.Id, ["name"] = definition.Name };
        AddIfPresent(json, "description", definition.Description);
        if (definition.Input is { } input)
        {
            json["input"] = new JsonObject { ["schema"] = input.ToJsonNode() };
        }

        AddIfPresent(json, "timeout", Duration(definition.Timeout));
        json["steps"] = Steps(definition.Steps);
        return json;
    }

    // Recursion follows the definition's nesting, which the parser capped.
    private static JsonArray Steps(ImmutableArray<WorkflowStep> steps) => new([.. steps.Select(Step)]);

    private static JsonObject Step(WorkflowStep step)
    {
        var json = new JsonObject { ["id"] = step.Id };
        WriteKind(step, json);
        if (step.Retry is { } retry)
        {
            json["retry"] = Retry(retry);
        }

        if (step.OnError.Strategy != ErrorStrategy.Stop)
        {
            json["onError"] = OnError(step.OnError);
        }

        AddIfPresent(json, "timeout", Duration(step.Timeout));
        return json;
    }

    private static void WriteKind(WorkflowStep step, JsonObject json)
    {
        switch (step)
        {
            case SetStep set:
                json[step.Kind] = new JsonObject([.. set.Values.Select(value => KeyValuePair.Create(value.Key, value.Value.ToJsonNode()))]);
                AddIfPresent(json, "scope", set.Scope == VariableScope.Run ? null : Camel(set.Scope));
                break;
            case HttpStep http:
                json[step.Kind] = Http(http);
                break;
            case WaitForInputStep wait:
                var spec = new JsonObject { ["name"] = wait.Name };
                AddIfPresent(spec, "timeout", Duration(wait.WaitTimeout));
                AddIfPresent(spec, "schema", wait.Schema?.ToJsonNode());
                json[step.Kind] = spec;
                AddSteps(json, "onTimeout", wait.OnTimeout);
                break;
            case DelayStep delay:
                json[step.Kind] = Duration(delay.Duration);
                break;
            case UntilStep until:
                json[step.Kind] = until.Time.Text;
                break;
            case IfStep @if:
                json[step.Kind] = @if.Condition.Text;
                AddSteps(json, "then", @if.Then);
                AddSteps(json, "else", @if.Else);
                break;
            case SwitchStep @switch:
                json[step.Kind] = Switch(@switch);
                break;
            case ParallelStep parallel:
                json[step.Kind] = new JsonObject { ["branches"] = new JsonArray([.. parallel.Branches.Select(Branch)]) };
                break;
            case ForEachStep forEach:
                json[step.Kind] = ForEach(forEach);
                break;
            case CallStep call:
                var target = new JsonObject { ["workflowId"] = call.WorkflowId };
                AddIfPresent(target, "input", call.Input?.ToJsonNode());
                json[step.Kind] = target;
                break;
            case CheckpointStep checkpoint:
                json[step.Kind] = checkpoint.Name is null ? new JsonObject() : new JsonObject { ["name"] = checkpoint.Name };
                break;
            case ReturnStep @return:
                json[step.Kind] = @return.Value.ToJsonNode();
                break;
            case FailStep fail:
                var failure = new JsonObject { ["message"] = fail.Message.Text };
                AddIfPresent(failure, "code", fail.Code);
                json[step.Kind] = failure;
                break;
            default:
                throw new InvalidOperationException($"No writer for the step kind {step.Kind}.");
        }
    }

    private static JsonObject Http(HttpStep http)
    {
        var json = new JsonObject { ["method"] = http.Method.Method };
        AddIfPresent(json, "url", http.Url?.Text);
        if (!http.Headers.IsEmpty)
        {
            json["headers"] = Templates(http.Headers);
        }

        if (!http.Query.IsEmpty)
        {
            json["query"] = Templates(http.Query);
        }

        AddIfPresent(json, "body", http.Body?.ToJsonNode());
        AddIfPresent(json, "connection", http.Connection);
        AddIfPresent(json, "timeout", Duration(http.RequestTimeout));
        if (!http.ExpectStatus.IsEmpty)
        {
            json["expectStatus"] = new JsonArray([.. http.ExpectStatus.Select(range => (JsonNode)range.ToString())]);
        }

        return json;
    }

    private static JsonObject Switch(SwitchStep @switch)
    {
        var json = new JsonObject();
        AddIfPresent(json, "value", @switch.Value?.Text);
        json["cases"] = new JsonArray([.. @switch.Cases.Select(Case)]);
        AddSteps(json, "default", @switch.Default);
        return json;
    }

    private static JsonObject Case(SwitchCase @case)
    {
        var json = new JsonObject();
        AddIfPresent(json, "when", @case.When?.Text);
        if (@case.EqualTo is { } value)
        {
            json["equals"] = value.ToJsonNode();
        }

        json["steps"] = Steps(@case.Steps);
        return json;
    }

    private static JsonObject Branch(ParallelBranch branch)
    {
        var json = new JsonObject();
        AddIfPresent(json, "id", branch.Id);
        json["steps"] = Steps(branch.Steps);
        return json;
    }

    private static JsonObject ForEach(ForEachStep forEach)
    {
        var json = new JsonObject { ["items"] = forEach.Items.Text };
        AddIfPresent(json, "as", forEach.As == ForEachStep.DefaultVariable ? null : forEach.As);
        if (forEach.MaxConcurrency != ForEachStep.DefaultMaxConcurrency)
        {
            json["maxConcurrency"] = forEach.MaxConcurrency;
        }

        json["steps"] = Steps(forEach.Steps);
        return json;
    }

    private static JsonObject Retry(RetryPolicy retry)
    {
        var json = new JsonObject
        {
            ["maxAttempts"] = retry.MaxAttempts,
            ["backoff"] = Camel(retry.Backoff),
            ["initialDelay"] = Duration(retry.InitialDelay),
        };
        AddIfPresent(json, "maxDelay", Duration(retry.MaxDelay));
        return json;
    }

    private static JsonObject OnError(ErrorHandling onError)
    {
        var json = new JsonObject { ["strategy"] = Camel(onError.Strategy) };
        if (onError.Value is { } value)
        {
            json["value"] = value.ToJsonNode();
        }

        AddIfPresent(json, "step", onError.AlternativeStepId);
        AddIfPresent(json, "notify", onError.Notify);
        return json;
    }

    private static JsonObject Templates(ImmutableArray<KeyValuePair<string, Template>> templates) =>
        new([.. templates.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value.Text))]);

    private static void AddSteps(JsonObject json, string name, ImmutableArray<WorkflowStep> steps)
    {
        if (!steps.IsEmpty)
        {
            json[name] = Steps(steps);
        }
    }

    private static void AddIfPresent(JsonObject json, string name, JsonNode? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }

    private static JsonNode? Duration(TimeSpan? duration) => duration is { } value ? XmlConvert.ToString(value) : null;

    private static string Camel<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
