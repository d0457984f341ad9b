using System.Net;
using System.Text;
using FunctionsFlow.Durable;
using FunctionsFlow.Durable.AzureStorage;
using FunctionsFlow.Durable.Client;
using FunctionsFlow.Host.CustomHandler;
using FunctionsFlow.Storage.Queues;
using FunctionsFlow.Testing;
using FunctionsFlow.Workflows.Suspension;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFlow.Host.Tests.FunctionApp;

/// <summary>The timer and queue invocations the Azure Functions host posts to the custom handler, answered by the host
/// on Azurite with the effect self-hosted mode has.</summary>
public sealed class CustomHandlerInvocationTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> UnderFunctions = new() { ["FUNCTIONS_CUSTOMHANDLER_PORT"] = "7072" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(FunctionNames.SuspensionMaintenance)]
    [InlineData(FunctionNames.Heartbeat)]
    public async Task TimerInvocation_RunsTheSuspensionUpkeep_AndAnswersTheInvocationShape(string function)
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new HostFactory(azurite, settings: UnderFunctions, clock: clock);
        using var functions = host.CreateClient();
        var store = host.Services.GetRequiredService<SuspensionStore>();
        var spent = await store.IssueAsync(new SuspensionWait("i-1", "e-1", "approval", "manager-approval", "alice", null, null), Ct);
        Assert.True(await store.RevokeAsync("i-1", "approval", Ct));
        clock.Advance(TimeSpan.FromDays(8));

        var logs = await InvocationPayloads.AssertInvocationResultAsync(await functions.PostAsync($"/{function}", InvocationPayloads.Timer(function, clock.GetUtcNow()), Ct));

        Assert.Contains("removed 1 spent suspension keys", Assert.Single(logs), StringComparison.Ordinal);
        Assert.Null(await store.FindAsync(spent, Ct));
    }

    [Fact]
    public async Task ControlQueueInvocation_HandsTheMessageTheFunctionsHostHolds_ToTheWorker()
    {
        await using var host = new HostFactory(azurite, settings: UnderFunctions);
        var backend = new AzureStorageBackend(azurite.CreateFactory(), new AzureStorageBackendOptions { TaskHubName = host.TaskHub });
        await backend.CreateIfNotExistsAsync(Ct);
        var client = new DurableClient(backend, TimeProvider.System);
        var id = await client.ScheduleNewOrchestrationInstanceAsync("HelloCities", cancellationToken: Ct);

        // The Functions host's trigger has received the start message: hidden for ten minutes, unless handed over.
        var held = await HoldAsync(azurite.CreateFactory().GetQueueClient(backend.Names.ControlQueue));
        using var functions = host.CreateClient();
        var response = await functions.PostAsync($"/{FunctionNames.ControlQueue}", InvocationPayloads.Queue(FunctionNames.ControlQueue, held, encoded: true), Ct);

        Assert.Contains(held.MessageId, Assert.Single(await InvocationPayloads.AssertInvocationResultAsync(response)), StringComparison.Ordinal);
        await Eventually.TrueAsync(
            async () => (await client.GetInstanceAsync(id, Ct))?.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            "the worker runs the orchestration the handed-over message starts");
    }

    [Theory]
    [InlineData(FunctionNames.ControlQueue)]
    [InlineData(FunctionNames.WorkItemQueue)]
    public async Task QueueInvocation_WithAMessageTheEngineCannotRead_LetsTheWorkerSetItAside(string function)
    {
        await using var host = new HostFactory(azurite, settings: UnderFunctions);
        var names = new TaskHubNames(host.TaskHub);
        var factory = azurite.CreateFactory();
        var queue = factory.GetQueueClient(function == FunctionNames.ControlQueue ? names.ControlQueue : names.WorkItemQueue);
        await queue.CreateIfNotExistsAsync(Ct);
        await queue.SendMessageAsync("not a work item", cancellationToken: Ct);
        var held = await HoldAsync(queue);

        using var functions = host.CreateClient();
        await InvocationPayloads.AssertInvocationResultAsync(await functions.PostAsync($"/{function}", InvocationPayloads.Queue(function, held, encoded: false), Ct));

        var poison = factory.GetQueueClient(names.PoisonQueue);
        await Eventually.TrueAsync(
            async () => (await poison.PeekMessagesAsync(32, Ct)).Any(m => m.Text == "not a work item"),
            "the worker receives the message at once and moves it to the poison queue");
    }

    [Fact]
    public async Task QueueInvocation_WithoutThePopReceipt_Answers400NamingIt()
    {
        await using var host = new HostFactory(azurite, settings: UnderFunctions);
        using var functions = host.CreateClient();

        var response = await functions.PostAsync($"/{FunctionNames.ControlQueue}", new StringContent("""{"Data":{},"Metadata":{"Id":"abc"}}""", Encoding.UTF8, "application/json"), Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Metadata.PopReceipt", out _), problem.ToString());
        await ProblemAssert.IsProblemAsync(
            await functions.PostAsync($"/{FunctionNames.Heartbeat}", new StringContent("tick", Encoding.UTF8, "text/plain"), Ct),
            HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task SelfHosted_TheInvocationRoutesAreNotMapped()
    {
        await using var host = new HostFactory(azurite);
        using var alice = host.CreateClientFor("alice");

        var response = await alice.PostAsync($"/{FunctionNames.Heartbeat}", InvocationPayloads.Timer(FunctionNames.Heartbeat, DateTimeOffset.UtcNow), Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    /// <summary>Receives the queue's one message for ten minutes, as the Functions host's queue listener would.</summary>
    private static async Task<QueueMessage> HoldAsync(QueueClient queue) =>
        Assert.Single(await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10), Ct));
}
