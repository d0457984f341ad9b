using FunctionsFlow.Durable.Backend;

namespace FunctionsFlow.Workflows.Tests.Support;

/// <summary>A backend that must never be used: a client on it proves that a call is answered (or refused)
/// without reading or sending anything.</summary>
public sealed class UnreachableBackend : IDurableBackend
{
    public IInstanceStore Store => throw new InvalidOperationException("The store was read.");

    public IWorkItemQueue ControlQueue => throw new InvalidOperationException("A message was sent.");

    public IWorkItemQueue ActivityQueue => throw new InvalidOperationException("A message was sent.");

    public ValueTask CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("The task hub was touched.");
}
