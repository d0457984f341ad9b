using FunctionsFlow.Durable.Entities;

namespace FunctionsFlow.Benchmarks.Scenarios;

/// <summary>The entity of the entity scenarios: a counter.</summary>
public sealed class BenchCounter : TaskEntity<int>
{
    public void Add(int amount) => State += amount;

    public int Get() => State;
}
