using Azure.Core;
using Azure.Core.Pipeline;
using FunctionsFlow.Storage;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Durable.Tests.AzureStorage;

/// <summary>Counts the requests sent to the service, retries included.</summary>
internal sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);

    /// <summary>Counts the requests <paramref name="action"/> sends.</summary>
    public async Task<int> CountAsync(Func<Task> action)
    {
        var before = Count;
        await action();
        return Count - before;
    }

    public StorageClientOptions Options() => WithPolicy(this);

    public static StorageClientOptions WithPolicy(HttpPipelinePolicy policy)
    {
        var options = AzuriteFixture.FastRetryOptions();
        options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        return options;
    }
}

/// <summary>Lets the next matching request reach the service, then loses its answer, as a dropped connection
/// would: the pipeline's retry sends the request again.</summary>
internal sealed class LostAnswerPolicy(Func<Request, bool> matches) : HttpPipelinePolicy
{
    private int _armed;

    public int Lost { get; private set; }

    public void Arm() => Volatile.Write(ref _armed, 1);

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        if (matches(message.Request) && Interlocked.Exchange(ref _armed, 0) == 1)
        {
            Lost++;
            throw new IOException("The connection dropped before the answer arrived.");
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The storage clients are asynchronous.");
}

/// <summary>Runs an action (another writer, say) just before the first request that matches is sent.</summary>
internal sealed class BeforeRequestPolicy(Func<Request, bool> matches, Func<Task> action) : HttpPipelinePolicy
{
    private int _armed = 1;

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (matches(message.Request) && Interlocked.Exchange(ref _armed, 0) == 1)
        {
            await action();
        }

        await ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The storage clients are asynchronous.");
}
