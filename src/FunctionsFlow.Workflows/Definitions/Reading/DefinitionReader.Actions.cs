using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Definitions.Steps;
using FunctionsFlow.Workflows.Expressions;
using FunctionsFlow.Workflows.Expressions.Values;

namespace FunctionsFlow.Workflows.Definitions.Reading;

/// <summary>Reading the steps that act rather than branch: set, waitForInput, until, call, checkpoint and fail.</summary>
internal sealed partial class DefinitionReader
{
    private static readonly FrozenSet<string> WaitMembers = FrozenSet.Create(StringComparer.Ordinal, "name", "timeout", "schema");

    private static readonly FrozenSet<string> CallMembers = FrozenSet.Create(StringComparer.Ordinal, "workflowId", "input");

    private static readonly FrozenSet<string> CheckpointMembers = FrozenSet.Create(StringComparer.Ordinal, "name");

    private static readonly FrozenSet<string> FailMembers = FrozenSet.Create(StringComparer.Ordinal, "message", "code");

    private SetStep? ReadSet(string id, Node step, Node spec)
    {
        var scope = step.Member("scope", _map) is { } scopeNode ? ReadEnum<VariableScope>(scopeNode) : VariableScope.Run;
        if (!ExpectObject(spec, "set"))
        {
            return null;
        }

        if (spec.Value is JsonObject { Count: 0 })
        {
            Error(spec, "must name at least one value to set");
        }

        var errors = _errors.Count;
        var values = spec.Members(_map)
            .Select(member => (Name: ReadVariableName(member.Node, member.Name), Value: ReadValue(member.Node)))
            .ToList();
        return _errors.Count > errors || scope is not { } chosen
            ? null
            : new SetStep { Id = id, Values = [.. values.Select(value => KeyValuePair.Create(value.Name!, value.Value!))], Scope = chosen };
    }

    private WaitForInputStep? ReadWaitForInput(string id, Node step, Node spec)
    {
        var onTimeout = step.Member("onTimeout", _map) is { } onTimeoutNode ? ReadSteps(onTimeoutNode) : [];
        if (!ExpectObject(spec, "waitForInput"))
        {
            return null;
        }

        CheckMembers(spec, WaitMembers, "waitForInput");
        var errors = _errors.Count;
        var name = ReadId(Required(spec, "name"));
        var timeout = ReadOptionalDuration(spec, "timeout");
        var schema = spec.Member("schema", _map) is { } schemaNode ? ReadSchema(schemaNode) : null;
        if (step.Member("onTimeout", _map) is { } handler && spec.Member("timeout", _map) is null)
        {
            Error(handler, "needs waitForInput.timeout: without one the wait never times out");
        }

        return _errors.Count > errors || name is null
            ? null
            : new WaitForInputStep { Id = id, Name = name, WaitTimeout = timeout, Schema = schema, OnTimeout = onTimeout };
    }

    private UntilStep? ReadUntil(string id, Node spec)
    {
        var time = ReadTemplate(spec);
        if (time is { IsConstant: true } && !IsDateTime(time.Text))
        {
            Error(spec, $"'{Shorten(time.Text)}' is not an ISO 8601 date and time such as 2025-01-31T09:00:00Z");
            return null;
        }

        return time is null ? null : new UntilStep { Id = id, Time = time };
    }

    private CallStep? ReadCall(string id, Node spec)
    {
        if (!ExpectObject(spec, "call"))
        {
            return null;
        }

        CheckMembers(spec, CallMembers, "call");
        var workflowId = ReadId(Required(spec, "workflowId"));
        if (workflowId is not null && workflowId == _workflowId)
        {
            Error(spec.Member("workflowId", _map)!, "names this workflow: a workflow may not call itself");
            return null;
        }

        var input = spec.Member("input", _map) is { Value: not null } inputNode ? ReadValue(inputNode) : null;
        return workflowId is null ? null : new CallStep { Id = id, WorkflowId = workflowId, Input = input };
    }

    private CheckpointStep? ReadCheckpoint(string id, Node spec)
    {
        switch (spec.Value)
        {
            case null:
                return new CheckpointStep { Id = id };
            case JsonObject:
                CheckMembers(spec, CheckpointMembers, "checkpoint");
                return spec.Member("name", _map) is { } name
                    ? ReadId(name) is { } named ? new CheckpointStep { Id = id, Name = named } : null
                    : new CheckpointStep { Id = id };
            default:
                return ReadId(spec) is { } shorthand ? new CheckpointStep { Id = id, Name = shorthand } : null;
        }
    }

    private FailStep? ReadFail(string id, Node spec)
    {
        if (spec.Value is not JsonObject)
        {
            return ReadTemplate(spec) is { } shorthand ? new FailStep { Id = id, Message = shorthand } : null;
        }

        CheckMembers(spec, FailMembers, "fail");
        var message = ReadTemplate(Required(spec, "message"));
        var code = spec.Member("code", _map) is { } codeNode ? ReadId(codeNode) : null;
        return message is null ? null : new FailStep { Id = id, Message = message, Code = code };
    }

    private static bool IsDateTime(string text) =>
        text.Length >= 11 && text[10] is 'T' or 't' &&
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    private ImmutableArray<KeyValuePair<string, Template>> ReadStringMap(Node node, string what, Func<string, bool> isValidName)
    {
        if (!ExpectObject(node, what))
        {
            return [];
        }

        var pairs = ImmutableArray.CreateBuilder<KeyValuePair<string, Template>>();
        foreach (var (name, member) in node.Members(_map))
        {
            if (!isValidName(name))
            {
                Error(member, $"'{Shorten(name)}' is not a valid name in {what}");
                continue;
            }

            var template = member.Value is JsonValue scalar && JsonValues.KindOf(scalar) is not JsonValueKind.String
                ? ParseTemplate(member, JsonValues.ToCompactJson(scalar))
                : ReadTemplate(member);
            if (template is not null)
            {
                pairs.Add(KeyValuePair.Create(name, template));
            }
        }

        return pairs.ToImmutable();
    }
}
