using FunctionsFlow.Durable;

namespace FunctionsFlow.Host.Samples;

/// <summary>The Durable Functions quickstart samples, startable with <c>POST /api/orchestrators/{name}</c>.</summary>
internal static class SampleOrchestrations
{
    public static DurableTaskRegistry AddSamples(this DurableTaskRegistry registry) => registry
        .AddActivity<SayHello>()
        .AddActivity<Square>()
        .AddOrchestrator<HelloCities>()
        .AddOrchestrator<FanOutFanIn>()
        .AddOrchestrator<DelayedGreeting>()
        .AddOrchestrator<WaitForApproval>()
        .AddEntity<Counter>()
        .AddOrchestrator<CounterWorkflow>();
}

/// <summary>Greets a city.</summary>
internal sealed class SayHello : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input, CancellationToken cancellationToken) =>
        Task.FromResult($"Hello {input}!");
}

/// <summary>Squares a number (the unit of work of <see cref="FanOutFanIn"/>).</summary>
internal sealed class Square : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input, CancellationToken cancellationToken) =>
        Task.FromResult(input * input);
}

/// <summary>Three activities in sequence.</summary>
internal sealed class HelloCities : TaskOrchestrator<object?, List<string>>
{
    public override async Task<List<string>> RunAsync(TaskOrchestrationContext context, object? input) =>
    [
        await context.CallActivityAsync<string>(nameof(SayHello), "Tokyo").ConfigureAwait(true),
        await context.CallActivityAsync<string>(nameof(SayHello), "Seattle").ConfigureAwait(true),
        await context.CallActivityAsync<string>(nameof(SayHello), "London").ConfigureAwait(true),
    ];
}

/// <summary>n activities in parallel; returns the sum of their results (the squares of 1..n).</summary>
internal sealed class FanOutFanIn : TaskOrchestrator<int, long>
{
    public const int MaxWidth = 1000;

    public override async Task<long> RunAsync(TaskOrchestrationContext context, int input)
    {
        if (input is < 0 or > MaxWidth)
        {
            throw new ArgumentOutOfRangeException(nameof(input), $"n must be between 0 and {MaxWidth}.");
        }

        var results = await Task.WhenAll(Enumerable.Range(1, input).Select(i => context.CallActivityAsync<int>(nameof(Square), i))).ConfigureAwait(true);
        return results.Sum(r => (long)r);
    }
}

/// <summary>Waits on a durable timer, then greets.</summary>
internal sealed class DelayedGreeting : TaskOrchestrator<DelayedGreeting.Input, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, Input input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await context.CreateTimer(input.Delay, CancellationToken.None).ConfigureAwait(true);
        return await context.CallActivityAsync<string>(nameof(SayHello), input.Name).ConfigureAwait(true);
    }

    internal sealed record Input(string Name, TimeSpan Delay);
}

/// <summary>Waits for the event <c>approval</c>; outputs its payload, or <c>"timed-out"</c>.</summary>
internal sealed class WaitForApproval : TaskOrchestrator<WaitForApproval.Input?, object?>
{
    public override async Task<object?> RunAsync(TaskOrchestrationContext context, Input? input)
    {
        context.SetCustomStatus("waiting for approval");
        try
        {
            return await context.WaitForExternalEvent<System.Text.Json.JsonElement>("approval", input?.Timeout ?? TimeSpan.FromHours(1)).ConfigureAwait(true);
        }
        catch (TaskCanceledException)
        {
            return "timed-out";
        }
    }

    internal sealed record Input(TimeSpan Timeout);
}
