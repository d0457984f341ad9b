using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Xml;
using FunctionsFlow.Durable;
using FunctionsFlow.Durable.AzureStorage;
using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.Client;
using FunctionsFlow.Durable.Entities;
using FunctionsFlow.Host.Configuration;
using FunctionsFlow.Host.Telemetry;
using FunctionsFlow.Storage;
using FunctionsFlow.Workflows.Definitions;
using FunctionsFlow.Workflows.Repository;
using FunctionsFlow.Workflows.Runtime;
using FunctionsFlow.Workflows.Schedules;
using Microsoft.Extensions.Options;

namespace FunctionsFlow.Host.Operations;

/// <summary>One heartbeat: records that the app is alive with what it saw, re-arms schedules that should run and do
/// not, ends (or flags) executions running past their workflow's <c>timeout</c>, and purges finished executions past
/// retention, a bounded number per round. Every step is idempotent: several instances of the app may beat at once.</summary>
internal sealed partial class Heartbeat(
    IDurableBackend backend,
    DurableClient client,
    ScheduleService schedules,
    WorkflowRepository workflows,
    SystemStore store,
    EmergencyMode emergency,
    StorageClientFactory storage,
    OperationsOptions options,
    IOptions<FunctionsFlowOptions> hub,
    TimeProvider time,
    ILogger<Heartbeat> logger)
{
    private const int PageSize = 1000;

    private readonly ConcurrentDictionary<(string Owner, string WorkflowId, int Version), TimeSpan?> _timeouts = new();

    public async Task<HeartbeatReport> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var previous = await store.GetHeartbeatAsync(cancellationToken).ConfigureAwait(false);

        // In an emergency nothing is started or ended: the heartbeat only looks.
        var calm = !emergency.Current.Active;
        var rearmed = calm ? await schedules.RearmAsync(cancellationToken).ConfigureAwait(false) : 0;
        var scan = await ScanAsync(now, cancellationToken).ConfigureAwait(false);

        var terminated = 0;
        if (calm && options.OverdueAction == OverdueAction.Terminate)
        {
            foreach (var (id, timeout) in scan.Overdue)
            {
                var reason = string.Create(CultureInfo.InvariantCulture, $"The execution ran past its workflow's timeout of {XmlConvert.ToString(timeout)}.");
                await client.TerminateInstanceAsync(id, reason, cancellationToken).ConfigureAwait(false);
                Log.Overdue(logger, id, timeout);
                terminated++;
            }
        }

        var purged = 0;
        foreach (var id in scan.Expired)
        {
            purged += await client.PurgeInstanceAsync(id, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        var report = new HeartbeatReport(
            now,
            Environment.MachineName,
            scan.Counts,
            scan.Complete,
            scan.AverageDurationMs,
            scan.Overdue.Count - terminated,
            terminated,
            purged,
            rearmed,
            await QueueDepthsAsync(cancellationToken).ConfigureAwait(false) is { } depths ? (int)depths.Poison : null,
            previous?.PoisonMessages);
        await store.SetHeartbeatAsync(report, cancellationToken).ConfigureAwait(false);
        Log.Beat(logger, report.Counts.Running, report.Counts.WaitingForInput, terminated, purged, rearmed);
        return report;
    }

    private async Task<Scan> ScanAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        int pending = 0, running = 0, suspended = 0, waiting = 0, completed = 0, failed = 0, seen = 0;
        double durations = 0;
        var overdue = new List<(string Id, TimeSpan Timeout)>();
        var expired = new List<string>();
        string? token = null;
        do
        {
            var page = await backend.Store.QueryAsync(new InstanceQuery { PageSize = PageSize, ContinuationToken = token }, cancellationToken).ConfigureAwait(false);
            foreach (var instance in page.Items.Where(i => !EntityInstanceId.IsEntityInstance(i.InstanceId)))
            {
                seen++;
                var finishedAt = instance.CompletedAt ?? instance.LastUpdatedAt;
                switch (instance.RuntimeStatus)
                {
                    case OrchestrationRuntimeStatus.Pending:
                        pending++;
                        break;
                    case OrchestrationRuntimeStatus.Running when IsWaiting(instance):
                        waiting++;
                        break;
                    case OrchestrationRuntimeStatus.Running:
                        running++;
                        break;
                    case OrchestrationRuntimeStatus.Suspended:
                        suspended++;
                        break;
                    case OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed when now - finishedAt <= TimeSpan.FromDays(1):
                        completed += instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? 1 : 0;
                        failed += instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed ? 1 : 0;
                        durations += (finishedAt - instance.CreatedAt).TotalMilliseconds;
                        break;
                }

                if (instance.RuntimeStatus.IsTerminal())
                {
                    if (expired.Count < options.MaxPurgePerRound && options.Retention.TryGetValue(instance.RuntimeStatus, out var keep) && now - finishedAt > keep)
                    {
                        expired.Add(instance.InstanceId);
                    }
                }
                else if (await TimeoutOfAsync(instance, cancellationToken).ConfigureAwait(false) is { } timeout && now - instance.CreatedAt > timeout)
                {
                    overdue.Add((instance.InstanceId, timeout));
                }
            }

            token = page.ContinuationToken;
        }
        while (token is not null && seen < options.MaxScannedInstances);

        var finished = completed + failed;
        return new Scan(
            new HealthCounts(pending, running, suspended, waiting, completed, failed),
            token is null,
            finished == 0 ? null : Math.Round(durations / finished),
            overdue,
            expired);
    }

    /// <summary>A workflow execution with a wait open (its custom status lists it).</summary>
    private static bool IsWaiting(InstanceMetadata instance)
    {
        if (instance.Name != WorkflowOrchestrator.Name || instance.CustomStatus is not { Length: > 0 } status)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(status);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.EnumerateObject().Any(p =>
                p.NameEquals("waiting") || p.NameEquals("Waiting") ? p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() > 0 : false);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The <c>timeout</c> of the workflow version an execution runs (read once per version).</summary>
    private async Task<TimeSpan?> TimeoutOfAsync(InstanceMetadata instance, CancellationToken cancellationToken)
    {
        if (instance.Name != WorkflowOrchestrator.Name || instance.Tags is not { } tags
            || !tags.TryGetValue(ExecutionTags.Owner, out var owner) || !tags.TryGetValue(ExecutionTags.WorkflowId, out var workflowId)
            || !tags.TryGetValue(ExecutionTags.Version, out var versionText) || !int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return null;
        }

        var key = (owner, workflowId, version);
        if (!_timeouts.TryGetValue(key, out var timeout))
        {
            var published = await workflows.GetVersionAsync(owner, workflowId, version, cancellationToken).ConfigureAwait(false);
            timeout = published is null ? null : WorkflowDefinitionParser.Parse(published.Source, published.ContentType).Definition?.Timeout;
            _timeouts[key] = timeout;
        }

        return timeout;
    }

    /// <summary>The queues' lengths, also published as the <c>functionsflow.queue.depth</c> gauge (null where the
    /// backend has no poison queue to count).</summary>
    private async Task<QueueDepths?> QueueDepthsAsync(CancellationToken cancellationToken)
    {
        if (backend is not AzureStorageBackend azure)
        {
            return null;
        }

        var depths = new QueueDepths(
            await backend.ControlQueue.GetApproximateCountAsync(cancellationToken).ConfigureAwait(false),
            await backend.ActivityQueue.GetApproximateCountAsync(cancellationToken).ConfigureAwait(false),
            await storage.GetQueueClient(azure.Names.PoisonQueue).GetApproximateMessageCountAsync(cancellationToken).ConfigureAwait(false));
        HostTelemetry.SetQueueDepths(hub.Value.TaskHub, depths);
        return depths;
    }

    private sealed record Scan(HealthCounts Counts, bool Complete, double? AverageDurationMs, List<(string Id, TimeSpan Timeout)> Overdue, List<string> Expired);

    private static partial class Log
    {
        [LoggerMessage(EventId = 5410, Level = LogLevel.Warning, Message = "Terminated {InstanceId}: it ran past its workflow's timeout of {Timeout}")]
        public static partial void Overdue(ILogger logger, string instanceId, TimeSpan timeout);

        [LoggerMessage(EventId = 5411, Level = LogLevel.Debug, Message = "Heartbeat: {Running} running, {Waiting} waiting for input; {Terminated} overdue terminated, {Purged} purged, {Rearmed} schedules re-armed")]
        public static partial void Beat(ILogger logger, int running, int waiting, int terminated, int purged, int rearmed);
    }
}

/// <summary>What a heartbeat saw and did.</summary>
/// <param name="At">When it ran.</param>
/// <param name="Instance">The machine it ran on.</param>
/// <param name="Counts">Executions by status (finished ones in the 24 hours before).</param>
/// <param name="CountsComplete">False when there were more instances than one heartbeat reads.</param>
/// <param name="AverageDurationMs">Of the executions that finished in the 24 hours before.</param>
/// <param name="Stuck">Executions past their workflow's timeout and left running (the Flag action).</param>
/// <param name="Terminated">Executions past their workflow's timeout it terminated.</param>
/// <param name="Purged">Finished executions past retention it purged.</param>
/// <param name="SchedulesRearmed">Schedules whose orchestration it started again.</param>
/// <param name="PoisonMessages">Messages in the poison queue (null where the backend has none).</param>
/// <param name="PreviousPoisonMessages">The same at the heartbeat before.</param>
internal sealed record HeartbeatReport(
    DateTimeOffset At,
    string Instance,
    HealthCounts Counts,
    bool CountsComplete,
    double? AverageDurationMs,
    int Stuck,
    int Terminated,
    int Purged,
    int SchedulesRearmed,
    int? PoisonMessages,
    int? PreviousPoisonMessages);

/// <summary>Executions by status, as <c>GET /api/health</c> shows them.</summary>
internal sealed record HealthCounts(int Pending, int Running, int Suspended, int WaitingForInput, int Completed24h, int Failed24h);
