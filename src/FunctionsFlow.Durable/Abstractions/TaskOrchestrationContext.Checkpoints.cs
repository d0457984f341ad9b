namespace FunctionsFlow.Durable;

public abstract partial class TaskOrchestrationContext
{
    /// <summary>The checkpoint this execution started from (<see cref="ContinueAsNewFromCheckpoint"/>, or a restart from
    /// a checkpoint); null when it started from its input alone.</summary>
    public abstract string? CheckpointId { get; }

    /// <summary>The state of the checkpoint this execution started from; default when it started from none.</summary>
    /// <remarks>The state is read once per execution on a worker: every episode of the execution gets the same object
    /// while the worker keeps it. Treat it as read-only; copy what the execution changes.</remarks>
    /// <exception cref="InvalidOperationException">The execution names a checkpoint that is no longer stored.</exception>
    public abstract T? GetCheckpointState<T>();

    /// <summary>Ends this execution and starts the next one of the instance from a checkpoint of
    /// <paramref name="state"/>, with <paramref name="newInput"/> as its input.</summary>
    /// <remarks>The state is written once, to the instance's checkpoint storage (through the state codec on Azure
    /// Storage), and never to history: the next execution's history starts empty and loading it costs the state's
    /// size, not the length of what came before. Checkpoints stay, under their ids, until the instance is purged; a
    /// finished instance can be restarted from any of them. The worker that writes the checkpoint hands this very
    /// object to the next execution's <see cref="GetCheckpointState{T}"/> (when it asks for the same type) rather than
    /// parsing the text again: give a state whose serialized form holds all of it, and leave it unchanged after this
    /// call.</remarks>
    /// <param name="checkpointId">Unique within the instance (see <see cref="Backend.CheckpointIds"/>); writing an
    /// id again replaces that checkpoint.</param>
    /// <param name="state">The state, serialized with the worker's data converter.</param>
    /// <param name="newInput">The next execution's input.</param>
    /// <param name="preserveUnprocessedEvents">Whether events that arrived and were not awaited go to the next execution.</param>
    public abstract void ContinueAsNewFromCheckpoint(string checkpointId, object? state, object? newInput = null, bool preserveUnprocessedEvents = true);
}
