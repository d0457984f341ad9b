using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;
using FunctionsFlow.Storage;

namespace FunctionsFlow.Benchmarks.Scenarios;

/// <summary>Counts storage requests in the pipeline; queue receives (polling) are counted apart. Given the account,
/// every request is also tallied by kind (service and method, e.g. <c>queue DELETE</c>) with its time.</summary>
public sealed class RequestCounter(StorageAccount? account = null) : HttpPipelineSynchronousPolicy
{
    private const string StartedProperty = "bench.started";

    private readonly ConcurrentDictionary<string, Tally> _byKind = new(StringComparer.Ordinal);
    private long _requests;
    private long _receives;

    public long Requests => Interlocked.Read(ref _requests);

    public long Receives => Interlocked.Read(ref _receives);

    /// <summary>Requests by kind since the last reset, receives included.</summary>
    public IReadOnlyList<KindCount> ByKind =>
        [.. _byKind.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => new KindCount(k.Key, k.Value.Count, k.Value.Elapsed, k.Value.Longest))];

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _receives, 0);
        _byKind.Clear();
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        var uri = message.Request.Uri.ToUri();
        var isReceive = message.Request.Method == RequestMethod.Get && uri.AbsolutePath.EndsWith("/messages", StringComparison.Ordinal) &&
            !uri.Query.Contains("peekonly", StringComparison.OrdinalIgnoreCase);
        Interlocked.Increment(ref isReceive ? ref _receives : ref _requests);
        message.SetProperty(StartedProperty, Stopwatch.GetTimestamp());
    }

    public override void OnReceivedResponse(HttpMessage message)
    {
        if (account is null || !message.TryGetProperty(StartedProperty, out var started) || started is not long start)
        {
            return;
        }

        var tally = _byKind.GetOrAdd(Kind(message.Request.Uri.ToUri(), message.Request.Method), _ => new Tally());
        tally.Add(Stopwatch.GetElapsedTime(start));
    }

    private string Kind(Uri uri, RequestMethod method)
    {
        var service = SameEndpoint(uri, account!.QueueEndpoint) ? "queue" : SameEndpoint(uri, account.TableEndpoint) ? "table" : "blob";
        return service == "table" && uri.AbsolutePath.EndsWith("$batch", StringComparison.Ordinal) ? "table $batch" : service + " " + method.Method;
    }

    private static bool SameEndpoint(Uri uri, Uri endpoint) =>
        uri.Authority == endpoint.Authority && uri.AbsolutePath.StartsWith(endpoint.AbsolutePath, StringComparison.Ordinal);

    /// <summary>Requests of one kind, their summed time and the longest (request sent to response received, retries included).</summary>
    public sealed record KindCount(string Kind, long Count, TimeSpan Elapsed, TimeSpan Longest);

    private sealed class Tally
    {
        private long _count;
        private long _ticks;
        private long _longest;

        public long Count => Interlocked.Read(ref _count);

        public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

        public TimeSpan Longest => TimeSpan.FromTicks(Interlocked.Read(ref _longest));

        public void Add(TimeSpan elapsed)
        {
            Interlocked.Increment(ref _count);
            Interlocked.Add(ref _ticks, elapsed.Ticks);
            var longest = Interlocked.Read(ref _longest);
            while (elapsed.Ticks > longest && Interlocked.CompareExchange(ref _longest, elapsed.Ticks, longest) != longest)
            {
                longest = Interlocked.Read(ref _longest);
            }
        }
    }
}
