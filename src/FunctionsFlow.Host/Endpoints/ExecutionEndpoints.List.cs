using System.Globalization;
using System.Security.Claims;
using FunctionsFlow.Durable;
using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.Client;
using FunctionsFlow.Durable.History;
using FunctionsFlow.Host.Security;
using FunctionsFlow.Workflows.Runtime;

namespace FunctionsFlow.Host.Endpoints;

internal static partial class ExecutionEndpoints
{
    private const string TimeFormat = "Times must be ISO 8601 (2026-01-31T12:00:00Z).";

    /// <summary><c>GET /api/executions</c> with the API's filters; the caller's executions only.</summary>
    public static async Task<IResult> List(
        HttpContext context,
        ClaimsPrincipal user,
        DurableClient client,
        string? workflowId,
        string? runtimeStatus,
        string? createdFrom,
        string? createdTo,
        string? instanceIdPrefix,
        int? top,
        string? continuationToken,
        CancellationToken cancellationToken)
    {
        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var part in (runtimeStatus ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(part, ignoreCase: true, out var status) || !Enum.IsDefined(status))
            {
                return Problems.Invalid("runtimeStatus", $"'{part}' is not a runtime status; use {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}.");
            }

            statuses.Add(status);
        }

        if (!TryParseTime(createdFrom, out var from))
        {
            return Problems.Invalid(nameof(createdFrom), TimeFormat);
        }

        if (!TryParseTime(createdTo, out var to))
        {
            return Problems.Invalid(nameof(createdTo), TimeFormat);
        }

        if (top is < 1 or > 1000)
        {
            return Problems.Invalid("top", "top must be between 1 and 1000.");
        }

        var caller = Caller.From(user)!;
        var query = new InstanceQuery
        {
            RuntimeStatus = statuses,
            CreatedFrom = from,
            CreatedTo = to,
            InstanceIdPrefix = instanceIdPrefix,
            Tag = KeyValuePair.Create(ExecutionTags.Owner, caller.UserId),
            PageSize = top ?? 100,
            ContinuationToken = continuationToken,
        };

        var (items, next) = await client.QueryInstancesAsync(query, cancellationToken).ConfigureAwait(false);
        var visible = workflowId is null ? items : items.Where(i => i.Raw.Tags?.GetValueOrDefault(ExecutionTags.WorkflowId) == workflowId);
        if (next is not null)
        {
            context.Response.Headers["x-ms-continuation-token"] = next;
        }

        return TypedResults.Ok(new { items = visible.Select(i => ExecutionStatus.From(i.Raw)), continuationToken = next });
    }

    private static bool TryParseTime(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    /// <summary>One history event as the API lists it.</summary>
    private sealed record HistoryItem(int EventId, string EventType, DateTimeOffset Timestamp, string? Name, object Details)
    {
        public static HistoryItem From(int index, HistoryEvent e) => new(
            index,
            e.EventType,
            e.Timestamp,
            e switch
            {
                ExecutionStartedEvent s => s.Name,
                TaskScheduledEvent s => s.Name,
                SubOrchestrationCreatedEvent s => s.Name,
                EventRaisedEvent r => r.Name,
                EventSentEvent s => s.Name,
                _ => null,
            },
            e);
    }
}
