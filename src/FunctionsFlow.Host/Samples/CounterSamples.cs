using FunctionsFlow.Durable;
using FunctionsFlow.Durable.Entities;

namespace FunctionsFlow.Host.Samples;

/// <summary>A counter entity (<c>counter@{key}</c>): add, reset, get.</summary>
internal sealed class Counter : TaskEntity<long>
{
    public void Add(long amount) => State += amount;

    public void Reset() => State = 0;

    public long Get() => State;
}

/// <summary>Adds to a counter entity and returns its new value (input <c>{key, amount}</c>).</summary>
internal sealed class CounterWorkflow : TaskOrchestrator<CounterWorkflow.Input, long>
{
    public override async Task<long> RunAsync(TaskOrchestrationContext context, Input input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var counter = new EntityInstanceId(nameof(Counter), input.Key ?? "default");
        await context.CallEntityAsync(counter, "add", input.Amount).ConfigureAwait(true);
        return await context.CallEntityAsync<long>(counter, "get").ConfigureAwait(true);
    }

    internal sealed record Input(string? Key, long Amount = 1);
}
