using System.Security.Cryptography;
using System.Text;
using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.Serialization;
using Microsoft.Extensions.Logging;

namespace FunctionsFlow.Durable.Runtime;

/// <summary>The context orchestrator code sees during one replay: it records actions and completes them from history.</summary>
internal sealed partial class RuntimeOrchestrationContext : TaskOrchestrationContext
{
    private static readonly Guid GuidNamespace = new("8d7c2f70-5f4e-4a3b-9a55-2a1f0c6b1e11");

    private readonly DataConverter _converter;
    private readonly ILoggerFactory _loggerFactory;
    private readonly SortedDictionary<int, OrchestratorAction> _pending = [];
    private readonly Dictionary<int, IOpenTask> _open = [];
    private readonly Dictionary<string, LinkedList<EventWaiter>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<string?>> _unclaimedEvents = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Name, string? Input)> _unclaimedOrder = [];
    private int _sequence;
    private int _guidCounter;
    private string? _input;
    private string? _checkpointId;
    private CheckpointState? _checkpointState;

    public RuntimeOrchestrationContext(string name, string instanceId, string executionId, DataConverter converter, ILoggerFactory loggerFactory)
    {
        Name = name;
        InstanceId = instanceId;
        ExecutionId = executionId;
        _converter = converter;
        _loggerFactory = loggerFactory;
    }

    public override string Name { get; }

    public override string InstanceId { get; }

    public override string ExecutionId { get; }

    public override DateTime CurrentUtcDateTime => CurrentTime.UtcDateTime;

    public DateTimeOffset CurrentTime { get; set; }

    public override bool IsReplaying => Replaying;

    public bool Replaying { get; set; }

    /// <summary>Actions asked for that history does not hold yet: the work of this episode.</summary>
    public IEnumerable<OrchestratorAction> PendingActions => _pending.Values;

    public string? CustomStatus { get; private set; }

    public bool HasCustomStatus { get; private set; }

    public (string? Input, bool PreserveEvents, CheckpointWrite? Checkpoint, object? State)? ContinueAsNewRequest { get; private set; }

    public override string? CheckpointId => _checkpointId;

    public void SetInput(string? input) => _input = input;

    /// <summary>The checkpoint the execution starts from and its state (null when it is no longer stored).</summary>
    public void SetCheckpoint(string? checkpointId, CheckpointState? state)
    {
        _checkpointId = checkpointId;
        _checkpointState = state;
    }

    public override T? GetCheckpointState<T>() where T : default =>
        _checkpointId is null ? default
        : _checkpointState is null ? throw new InvalidOperationException($"Checkpoint '{_checkpointId}' of instance '{InstanceId}' is no longer stored.")
        : _checkpointState.Read<T>(_converter);

    public override void ContinueAsNewFromCheckpoint(string checkpointId, object? state, object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        CheckpointIds.Validate(checkpointId, nameof(checkpointId));
        ContinueAsNewRequest = (_converter.Serialize(newInput), preserveUnprocessedEvents, new CheckpointWrite(checkpointId, _converter.Serialize(state) ?? "null"), state);
    }

    public override T? GetInput<T>() where T : default => _converter.Deserialize<T>(_input);

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var serialized = _converter.Serialize(input);
        return options?.Retry is { } retry
            ? RetryAsync(retry, () => Schedule<TResult>(id => new ScheduleTaskAction(id, name, serialized), name))
            : Schedule<TResult>(id => new ScheduleTaskAction(id, name, serialized), name);
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, SubOrchestrationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        var serialized = _converter.Serialize(input);
        Task<TResult> Attempt()
        {
            var childId = options?.InstanceId ?? NewGuid().ToString("N");
            return Schedule<TResult>(id => new CreateSubOrchestrationAction(id, orchestratorName, childId, serialized), orchestratorName);
        }

        return options?.Retry is { } retry ? RetryAsync(retry, Attempt) : Attempt();
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var due = new DateTimeOffset(DateTime.SpecifyKind(fireAt, DateTimeKind.Utc));
        var id = _sequence++;
        var timer = new OpenTask<object?>("timer", id, _converter);
        _pending.Add(id, new CreateTimerAction(id, due));
        _open.Add(id, timer);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (_open.Remove(id))
                {
                    timer.Cancel();
                }
            });
        }

        return timer.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var source = new TaskCompletionSource<T>();
        if (_unclaimedEvents.TryGetValue(eventName, out var queue) && queue.Count > 0)
        {
            var payload = queue.Dequeue();
            RemoveUnclaimed(eventName);
            CompleteEvent(source, eventName, payload);
            return source.Task;
        }

        if (!_waiters.TryGetValue(eventName, out var list))
        {
            _waiters[eventName] = list = new LinkedList<EventWaiter>();
        }

        var node = list.AddLast(new EventWaiter(payload => CompleteEvent(source, eventName, payload)));
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (node.List is not null)
                {
                    list.Remove(node);
                    source.TrySetCanceled(cancellationToken);
                }
            });
        }

        return source.Task;
    }

    public override void SendEvent(string instanceId, string eventName, object? payload)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var id = _sequence++;
        _pending.Add(id, new SendEventAction(id, instanceId, eventName, _converter.Serialize(payload)));
    }

    public override void SetCustomStatus(object? customStatus)
    {
        CustomStatus = _converter.Serialize(customStatus);
        HasCustomStatus = true;
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        ContinueAsNewRequest = (_converter.Serialize(newInput), preserveUnprocessedEvents, null, null);

    public override Guid NewGuid()
    {
        var name = $"{InstanceId}_{ExecutionId}_{CurrentTime.UtcDateTime:o}_{_guidCounter++}";
        Span<byte> hash = stackalloc byte[32];
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        GuidNamespace.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);
        SHA256.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8: name-based, custom hash
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash[..16], bigEndian: true);
    }

    public override ILogger CreateReplaySafeLogger(string categoryName) => new ReplaySafeLogger(this, _loggerFactory.CreateLogger(categoryName));

    /// <summary>The events nobody has waited for yet, in arrival order (carried over by continue-as-new).</summary>
    public IReadOnlyList<(string Name, string? Input)> UnclaimedEvents => _unclaimedOrder;

    private Task<T> Schedule<T>(Func<int, OrchestratorAction> create, string name)
    {
        var id = _sequence++;
        var task = new OpenTask<T>(name, id, _converter);
        _pending.Add(id, create(id));
        _open.Add(id, task);
        return task.Task;
    }

    private void CompleteEvent<T>(TaskCompletionSource<T> source, string eventName, string? payload)
    {
        try
        {
            source.TrySetResult(_converter.Deserialize<T>(payload)!);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            source.TrySetException(new InvalidOperationException($"The payload of event '{eventName}' does not fit {typeof(T).Name}: {ex.Message}", ex));
        }
    }

    private void RemoveUnclaimed(string eventName)
    {
        var index = _unclaimedOrder.FindIndex(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            _unclaimedOrder.RemoveAt(index);
        }
    }

    private sealed record EventWaiter(Action<string?> Deliver);
}
