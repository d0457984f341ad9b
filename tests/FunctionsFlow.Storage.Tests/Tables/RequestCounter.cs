using Azure.Core;
using Azure.Core.Pipeline;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Storage.Tests.Tables;

/// <summary>Counts the requests a pipeline sends, to prove that client-side validation sends none.</summary>
internal sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);

    public StorageClientOptions Options()
    {
        var options = AzuriteFixture.FastRetryOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerCall);
        return options;
    }
}
