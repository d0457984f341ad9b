using System.Collections.Concurrent;
using System.Diagnostics;
using FunctionsFlow.Storage.Tests.Tables;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Storage.Tests.Pipeline;

public sealed class StorageTelemetryTests(AzuriteFixture azurite) : IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = s => s.Name == StorageTelemetry.Name,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    [Fact]
    public async Task EveryCall_IsASpan_WithMethodPathAndStatus_AndAFailedOneIsMarked()
    {
        _listener.ActivityStopped = _spans.Enqueue;
        ActivitySource.AddActivityListener(_listener);
        var table = await azurite.CreateTableAsync();

        var missing = await table.GetEntityIfExistsAsync("p", "r", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Null(missing);
        var get = Assert.Single(_spans, s => s.DisplayName == "storage GET" && ((string)s.GetTagItem("url.path")!).Contains(table.Name, StringComparison.Ordinal));
        Assert.Equal(404, get.GetTagItem("http.response.status_code"));
        Assert.Equal(ActivityStatusCode.Error, get.Status);
        Assert.Equal(ActivityKind.Client, get.Kind);
        Assert.DoesNotContain('?', (string)get.GetTagItem("url.path")!);
        Assert.Contains(_spans, s => s.DisplayName == "storage POST" && s.GetTagItem("http.response.status_code") is int status && status is >= 200 and < 300);
    }

    public void Dispose() => _listener.Dispose();
}
