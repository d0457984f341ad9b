using FunctionsFlow.Durable.Serialization;

namespace FunctionsFlow.Durable.Runtime;

/// <summary>A scheduled task the orchestrator may be awaiting, completed from history.</summary>
internal interface IOpenTask
{
    string Name { get; }

    void Complete(string? result);

    void Fail(TaskFailureDetails failure);
}

internal sealed class OpenTask<T>(string name, int id, DataConverter converter) : IOpenTask
{
    private readonly TaskCompletionSource<T> _source = new();

    public string Name { get; } = name;

    public Task<T> Task => _source.Task;

    public void Complete(string? result)
    {
        T? value;
        try
        {
            value = converter.Deserialize<T>(result);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            // A result that does not fit the awaited type fails that task, not the whole episode.
            _source.TrySetException(new TaskFailedException(Name, id, TaskFailureDetails.FromException(ex)));
            return;
        }

        _source.TrySetResult(value!);
    }

    public void Fail(TaskFailureDetails failure) => _source.TrySetException(new TaskFailedException(Name, id, failure));

    public void Cancel() => _source.TrySetCanceled();
}
