using Azure.Core;
using Azure.Core.Pipeline;

namespace FunctionsFlow.Benchmarks.Scenarios;

/// <summary>Counts storage requests in the pipeline; queue receives (polling) are counted apart.</summary>
public sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private long _requests;
    private long _receives;

    public long Requests => Interlocked.Read(ref _requests);

    public long Receives => Interlocked.Read(ref _receives);

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _receives, 0);
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        var uri = message.Request.Uri.ToUri();
        var isReceive = message.Request.Method == RequestMethod.Get && uri.AbsolutePath.EndsWith("/messages", StringComparison.Ordinal) &&
            !uri.Query.Contains("peekonly", StringComparison.OrdinalIgnoreCase);
        Interlocked.Increment(ref isReceive ? ref _receives : ref _requests);
    }
}
