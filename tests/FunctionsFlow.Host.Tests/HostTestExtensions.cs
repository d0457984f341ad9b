using System.Net.Http.Json;
using System.Text.Json;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Host.Tests;

/// <summary>What several host test classes need: waiting for an execution's status.</summary>
internal static class HostTestExtensions
{
    /// <summary>Polls <c>GET /api/executions/{id}</c> until <paramref name="condition"/> holds (at most
    /// <paramref name="timeout"/>, by default <see cref="Eventually"/>'s); returns that status.</summary>
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
            timeout);
        return status;
    }
}
