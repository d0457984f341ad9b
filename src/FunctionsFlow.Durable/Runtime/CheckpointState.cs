using FunctionsFlow.Durable.Serialization;

namespace FunctionsFlow.Durable.Runtime;

/// <summary>The state of the checkpoint an execution starts from: its serialized text, and the object it was last read
/// as. A worker keeps one per execution for the execution's episodes, so the text is parsed once, not at every
/// episode's replay.</summary>
/// <param name="text">The serialized state.</param>
/// <param name="parsed">The object it was serialized from, when the worker that wrote it hands it on.</param>
internal sealed class CheckpointState(string text, object? parsed = null)
{
    private object? _parsed = parsed;

    /// <summary>The serialized state.</summary>
    public string Text { get; } = text;

    /// <summary>The state as a <typeparamref name="T"/>: the object read before when it is one, else read now and kept.
    /// Every episode of the execution on this worker gets the same object.</summary>
    public T? Read<T>(DataConverter converter)
    {
        if (_parsed is T parsed)
        {
            return parsed;
        }

        var read = converter.Deserialize<T>(Text);
        _parsed = read;
        return read;
    }
}
