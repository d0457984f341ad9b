using System.Text.Json;
using FunctionsFlow.Durable;
using FunctionsFlow.Durable.Client;
using FunctionsFlow.Workflows.Suspension;

namespace FunctionsFlow.Host.Endpoints;

/// <summary>Sends a resume's input to the waiting execution (a durable queue message), then notes the key as delivered.</summary>
internal sealed class ResumeDelivery(SuspensionStore store, DurableClient client)
{
    public async Task DeliverAsync(SuspensionKeyRecord record, string payload, CancellationToken cancellationToken)
    {
        using var doc = JsonDocument.Parse(payload);
        try
        {
            await client.RaiseEventAsync(record.Wait.InstanceId, record.Wait.Name, doc.RootElement.Clone(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OrchestrationStateException or OrchestrationNotFoundException)
        {
            // The execution ended meanwhile: nothing is waiting any more.
        }

        await store.MarkDeliveredAsync(record.Hash, cancellationToken).ConfigureAwait(false);
    }
}
