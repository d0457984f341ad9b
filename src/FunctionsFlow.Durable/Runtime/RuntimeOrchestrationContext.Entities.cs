using FunctionsFlow.Durable.Entities;

namespace FunctionsFlow.Durable.Runtime;

internal sealed partial class RuntimeOrchestrationContext
{
    public override async Task<TResult> CallEntityAsync<TResult>(EntityInstanceId entity, string operation, object? input = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        var requestId = NewGuid().ToString("N");
        var request = new EntityRequest(operation, _converter.Serialize(input), requestId, InstanceId, ExecutionId);
        SendEvent(entity.InstanceId, EntityMessages.OperationEventName, request);
        var response = await WaitForExternalEvent<EntityResponse>(EntityMessages.ResponseEventName(requestId)).ConfigureAwait(true);
        if (response.Failure is { } failure)
        {
            throw new EntityOperationFailedException(entity, operation, failure);
        }

        return _converter.Deserialize<TResult>(response.Result)!;
    }

    public override void SignalEntity(EntityInstanceId entity, string operation, object? input = null, DateTimeOffset? scheduledTime = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        var request = new EntityRequest(operation, _converter.Serialize(input), NewGuid().ToString("N"), ScheduledAt: scheduledTime);
        var id = _sequence++;
        _pending.Add(id, new SendEventAction(id, entity.InstanceId, EntityMessages.OperationEventName, _converter.Serialize(request), scheduledTime));
    }
}
