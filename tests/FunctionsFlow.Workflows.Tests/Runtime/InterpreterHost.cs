using System.Collections.Concurrent;
using System.Text.Json;
using FunctionsFlow.Durable;
using FunctionsFlow.Durable.Backend.InMemory;
using FunctionsFlow.Durable.Client;
using FunctionsFlow.Durable.Worker;
using FunctionsFlow.Testing;
using FunctionsFlow.Workflows.Definitions;
using FunctionsFlow.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsFlow.Workflows.Tests.Runtime;

/// <summary>The interpreter on the in-memory backend with a manual clock, and a dictionary of published workflows.</summary>
public sealed class InterpreterHost : IAsyncDisposable, IPublishedWorkflowSource
{
    private readonly ConcurrentDictionary<(string Owner, string Id), ResolvedWorkflow> _published = new();
    private readonly ServiceProvider _services;
    private readonly DurableWorker _worker;

    /// <param name="services">Adds services the activities use (connections, say).</param>
    public InterpreterHost(Action<IServiceCollection>? services = null)
    {
        var backend = new InMemoryBackend(Clock);
        var collection = new ServiceCollection()
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton<IPublishedWorkflowSource>(this)
            .AddWorkflowStores();
        services?.Invoke(collection);
        _services = collection.BuildServiceProvider();
        var registry = new DurableTaskRegistry().AddWorkflowInterpreter();
        // Visibility runs on the manual clock here: long enough that moving the clock never hands a running activity out again.
        var options = new DurableWorkerOptions { MinPollInterval = TimeSpan.FromMilliseconds(1), MaxPollInterval = TimeSpan.FromMilliseconds(10), DeferDelay = TimeSpan.Zero, VisibilityTimeout = TimeSpan.FromDays(30) };
        _worker = new DurableWorker(backend, registry, _services, options, Clock, NullLoggerFactory.Instance);
        Client = new DurableClient(backend, Clock);
    }

    public ManualTimeProvider Clock { get; } = new();

    public DurableClient Client { get; }

    public async Task StartAsync() => await _worker.StartAsync(CancellationToken.None);

    /// <summary>Publishes a definition (it must parse) as the next version of its workflow for <paramref name="owner"/>.</summary>
    public WorkflowDefinition Publish(string source, string owner = "alice")
    {
        var parsed = WorkflowDefinitionParser.Parse(source);
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Errors));
        var definition = parsed.Definition!;
        _published.AddOrUpdate((owner, definition.Id), _ => new ResolvedWorkflow(1, source), (_, old) => new ResolvedWorkflow(old.Version + 1, source));
        return definition;
    }

    public Task<ResolvedWorkflow?> GetLatestAsync(WorkflowReference reference, CancellationToken cancellationToken) =>
        Task.FromResult(_published.TryGetValue((reference.Owner, reference.WorkflowId), out var found) ? found : null);

    /// <summary>Starts the latest published version of <paramref name="workflowId"/>.</summary>
    public async Task<string> StartAsync(string workflowId, object? input = null, string owner = "alice", bool admin = false)
    {
        var latest = _published[(owner, workflowId)];
        var json = input is null ? (JsonElement?)null : JsonSerializer.SerializeToElement(input);
        return await Client.ScheduleNewOrchestrationInstanceAsync(WorkflowOrchestrator.Name, new WorkflowRunInput(owner, workflowId, latest.Version, latest.Source, json, admin));
    }

    /// <summary>Waits for the execution to finish, moving the clock <paramref name="step"/> at a time while it has not (so
    /// retries, delays and timeouts come due).</summary>
    public async Task<OrchestrationMetadata> RunToEndAsync(string instanceId, TimeSpan? step = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var status = await Client.GetInstanceAsync(instanceId);
            if (status is { RuntimeStatus: var s } && s.IsTerminal())
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{instanceId} is still {status?.RuntimeStatus}: {status?.SerializedCustomStatus}");
            }

            if (step is { } by)
            {
                Clock.Advance(by);
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Waits until the execution has an open wait of that name.</summary>
    public Task WaitUntilWaitingAsync(string instanceId, string name) =>
        Eventually.TrueAsync(async () => Progress(await Client.GetInstanceAsync(instanceId))?.Waiting.Any(w => w.Name == name) == true, $"{instanceId} waits for {name}");

    public static WorkflowProgress? Progress(OrchestrationMetadata? status) =>
        status?.SerializedCustomStatus is { } json ? JsonSerializer.Deserialize<WorkflowProgress>(json, JsonSerializerOptions.Web) : null;

    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync(CancellationToken.None);
        _worker.Dispose();
        await _services.DisposeAsync();
    }
}
