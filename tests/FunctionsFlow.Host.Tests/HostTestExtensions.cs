using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Host.Tests;

/// <summary>What several host test classes need: waiting for an execution's status, and reading all a task hub stores.</summary>
internal static class HostTestExtensions
{
    /// <summary>Polls <c>GET /api/executions/{id}</c> until <paramref name="condition"/> holds; returns that status.</summary>
    public static async Task<JsonElement> WaitForExecutionAsync(this HttpClient client, string id, Func<JsonElement, bool> condition, TimeSpan? timeout = null)
    {
        JsonElement status = default;
        await Eventually.TrueAsync(
            async () =>
            {
                status = await client.GetFromJsonAsync<JsonElement>($"/api/executions/{id}", TestContext.Current.CancellationToken);
                return condition(status);
            },
            $"execution {id} reaches the expected state",
            timeout ?? TimeSpan.FromSeconds(60));
        return status;
    }

    /// <summary>Every property of every row of the task hub's tables, every blob of its containers (bytes as Latin-1)
    /// and every visible message of its queues, as one text to search.</summary>
    public static async Task<string> EverythingStoredAsync(this AzuriteFixture azurite, string taskHub)
    {
        var ct = TestContext.Current.CancellationToken;
        var factory = azurite.CreateFactory();
        var seen = new StringBuilder();
        await foreach (var table in factory.ListTablesAsync(taskHub, ct))
        {
            await foreach (var row in factory.GetTableClient(table).QueryAllAsync(null, cancellationToken: ct))
            {
                foreach (var (name, value) in row)
                {
                    seen.Append(name).Append('=').Append(value).Append('\n');
                }
            }
        }

        await foreach (var container in factory.ListContainersAsync(taskHub.ToLowerInvariant(), ct))
        {
            var blobs = factory.GetBlobContainerClient(container);
            await foreach (var blob in blobs.GetBlobsAsync(cancellationToken: ct))
            {
                seen.Append(Encoding.Latin1.GetString((await blobs.DownloadContentAsync(blob.Name, ct)).ToArray())).Append('\n');
            }
        }

        await foreach (var queue in factory.ListQueuesAsync(taskHub.ToLowerInvariant(), ct))
        {
            foreach (var message in await factory.GetQueueClient(queue).PeekMessagesAsync(32, ct))
            {
                seen.Append(message.Text).Append('\n');
            }
        }

        return seen.ToString();
    }
}
