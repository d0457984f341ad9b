using System.Text.Json;
using FunctionsFlow.Durable.Client;
using FunctionsFlow.Workflows.Tests.Support;
using FunctionsFlow.Workflows.Variables;

namespace FunctionsFlow.Workflows.Tests.Variables;

public abstract partial class VariableBehaviourTests
{
    /// <summary>Small limits, registered for the entities and handed to the store.</summary>
    private static readonly VariableLimits Small = new() { MaxKeyLength = 8, MaxValueBytes = 20, MaxKeys = 3, MaxScopeBytes = 40 };

    private async Task<WorkflowTestHost> SmallHostAsync() => await StartHostAsync((await NewHubAsync()).Backend, Small);

    /// <summary>Variables as comparable values (a <see cref="JsonElement"/> compares by reference).</summary>
    private static List<(string Key, string Value, DateTimeOffset UpdatedAt)> Snapshot(IEnumerable<Variable> variables) =>
        [.. variables.Select(v => (v.Key, v.Value.GetRawText(), v.UpdatedAt))];

    [Fact]
    public async Task FullScope_RefusesANewKey_AndChangesNothing()
    {
        var host = await SmallHostAsync();
        var scope = VariableScope.User("alice");
        Assert.Same(Small, host.Variables.Limits);
        await host.Variables.SetManyAsync(scope, new Dictionary<string, JsonElement> { ["a"] = Json.Of(1), ["b"] = Json.Of(2), ["c"] = Json.Of(3) }, cancellationToken: Ct);
        var before = Snapshot(await host.Variables.ListAsync(scope, Ct));
        host.Clock.Advance(TimeSpan.FromMinutes(1));

        var refused = await Assert.ThrowsAsync<VariableLimitException>(() => host.Variables.SetAsync(scope, "d", Json.Of(4), Ct));

        Assert.Equal(VariableLimitKind.ScopeFull, refused.Kind);
        Assert.Equal(before, Snapshot(await host.Variables.ListAsync(scope, Ct)));
        var replaced = await host.Variables.SetAsync(scope, "c", Json.Of(30), Ct); // replacing a key adds none
        Assert.Equal(30, replaced.Value.GetInt32());
        Assert.Equal(host.Clock.GetUtcNow(), replaced.UpdatedAt);
    }

    [Fact]
    public async Task FullScope_RefusesTooManyBytes_AndChangesNothing()
    {
        var host = await SmallHostAsync();
        var scope = VariableScope.Global;
        await host.Variables.SetAsync(scope, "a", Json.Of(new string('a', 18)), Ct); // 20 bytes
        await host.Variables.SetAsync(scope, "b", Json.Of(new string('b', 17)), Ct); // 19 bytes

        var refused = await Assert.ThrowsAsync<VariableLimitException>(() => host.Variables.SetAsync(scope, "c", Json.Of("cc"), Ct));

        Assert.Equal(VariableLimitKind.ScopeFull, refused.Kind);
        Assert.Equal(["a", "b"], (await host.Variables.ListAsync(scope, Ct)).Select(v => v.Key));
        await host.Variables.SetAsync(scope, "c", Json.Of(1), Ct); // exactly 40 bytes
        Assert.Equal(40, (await host.Client.GetEntityAsync<VariableSet>(scope.EntityId, Ct))!.State.TotalBytes);
    }

    [Fact]
    public async Task SetMany_IsAllOrNothing()
    {
        var host = await SmallHostAsync();
        var scope = VariableScope.Workflow("alice", "wf");
        await host.Variables.SetManyAsync(scope, new Dictionary<string, JsonElement> { ["a"] = Json.Of(1), ["b"] = Json.Of(2) }, cancellationToken: Ct);
        var before = Snapshot(await host.Variables.ListAsync(scope, Ct));

        var refused = await Assert.ThrowsAsync<VariableLimitException>(() => host.Variables.SetManyAsync(
            scope, new Dictionary<string, JsonElement> { ["a"] = Json.Of(10), ["c"] = Json.Of(3), ["d"] = Json.Of(4) }, cancellationToken: Ct));

        Assert.Equal(VariableLimitKind.ScopeFull, refused.Kind);
        Assert.Equal(before, Snapshot(await host.Variables.ListAsync(scope, Ct)));

        // Removing one key in the same batch makes room for the two new ones.
        await host.Variables.SetManyAsync(
            scope, new Dictionary<string, JsonElement> { ["a"] = Json.Parse("null"), ["c"] = Json.Of(3), ["d"] = Json.Of(4) }, removeNulls: true, Ct);

        Assert.Equal([("b", 2), ("c", 3), ("d", 4)], (await host.Variables.ListAsync(scope, Ct)).Select(v => (v.Key, v.Value.GetInt32())));
    }

    [Fact]
    public async Task ConcurrentSets_IntoASmallScope_ExactlyAsManyAsFitLand()
    {
        var host = await SmallHostAsync();
        var scope = VariableScope.User("crowd");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            try
            {
                await host.Variables.SetAsync(scope, $"k{i:00}", Json.Of(i), Ct);
                return (Key: $"k{i:00}", Refusal: (VariableLimitKind?)null);
            }
            catch (VariableLimitException ex)
            {
                return (Key: $"k{i:00}", Refusal: ex.Kind);
            }
        }));

        var landed = outcomes.Where(o => o.Refusal is null).Select(o => o.Key).ToList();
        Assert.Equal(Small.MaxKeys, landed.Count);
        Assert.All(outcomes.Where(o => o.Refusal is not null), o => Assert.Equal(VariableLimitKind.ScopeFull, o.Refusal));
        Assert.Equal(landed.Order(StringComparer.Ordinal), (await host.Variables.ListAsync(scope, Ct)).Select(v => v.Key));
    }

    [Fact]
    public async Task TheEntity_EnforcesItsOwnLimits_AgainstAStoreWithLooserOnes()
    {
        var host = await SmallHostAsync();
        var loose = new VariableStore(new DurableClient(host.Backend, host.Clock));
        var scope = VariableScope.User("alice");

        var tooLarge = await Assert.ThrowsAsync<VariableLimitException>(() => loose.SetAsync(scope, "a", Json.Of(new string('x', 19)), Ct));
        var tooLong = await Assert.ThrowsAsync<VariableLimitException>(() => loose.SetAsync(scope, "ninechars", Json.Of(1), Ct));

        Assert.Equal(VariableLimitKind.ValueTooLarge, tooLarge.Kind);
        Assert.Equal(VariableLimitKind.InvalidKey, tooLong.Kind);
        Assert.Empty(await loose.ListAsync(scope, Ct));
    }
}
