using System.Text.Json;
using FunctionsFlow.Durable.Client;
using FunctionsFlow.Testing;
using FunctionsFlow.Workflows.Tests.Support;
using FunctionsFlow.Workflows.Variables;

namespace FunctionsFlow.Workflows.Tests.Variables;

/// <summary>Scoped variables through <see cref="VariableStore"/> and the variables entity, the same on every
/// backend: each backend's test class derives from this.</summary>
public abstract partial class VariableBehaviourTests(TestHubs hubs) : WorkflowHostTests(hubs)
{
    private static readonly Dictionary<string, string> EveryKind = new()
    {
        ["object"] = """{"name":"Ada","tags":["x","y"],"nested":{"n":1,"empty":{}},"nothing":null}""",
        ["array"] = """[1,"two",true,null,{"three":3},[]]""",
        ["string"] = "\"h\\u00e9llo \\\"world\\\" \\ud83d\\ude00\"",
        ["emptyString"] = "\"\"",
        ["number"] = "12345678901234567890.125",
        ["negative"] = "-42",
        ["true"] = "true",
        ["false"] = "false",
        ["null"] = "null",
    };

    private VariableStore Store => Host.Variables;

    [Fact]
    public async Task SetGetListDelete_RoundTripEveryKindOfJsonValue()
    {
        var scope = VariableScope.User("alice");
        var now = Clock.GetUtcNow();

        foreach (var (key, json) in EveryKind)
        {
            var stored = await Store.SetAsync(scope, key, Json.Parse(json), Ct);

            Assert.Equal(key, stored.Key);
            Json.Equal(Json.Parse(json), stored.Value);
            Assert.Equal(now, stored.UpdatedAt);
        }

        foreach (var (key, json) in EveryKind)
        {
            var read = await Store.GetAsync(scope, key, Ct);
            Assert.NotNull(read);
            Assert.Equal(Json.Parse(json).ValueKind, read.Value.ValueKind);
            Json.Equal(Json.Parse(json), read.Value);
        }

        Assert.Equal("héllo \"world\" 😀", (await Store.GetAsync(scope, "string", Ct))!.Value.GetString());
        Assert.Equal("12345678901234567890.125", (await Store.GetAsync(scope, "number", Ct))!.Value.GetRawText());
        var list = await Store.ListAsync(scope, Ct);
        Assert.Equal(EveryKind.Keys.Order(StringComparer.Ordinal), list.Select(v => v.Key));
        Assert.All(list, v => Json.Equal(Json.Parse(EveryKind[v.Key]), v.Value));

        Assert.True(await Store.DeleteAsync(scope, "array", Ct));
        Assert.False(await Store.DeleteAsync(scope, "array", Ct));
        Assert.False(await Store.DeleteAsync(scope, "neverSet", Ct));
        Assert.Null(await Store.GetAsync(scope, "array", Ct));
        Assert.Equal(EveryKind.Count - 1, (await Store.ListAsync(scope, Ct)).Count);
    }

    [Fact]
    public async Task UnknownScopeAndKey_ReadAsEmpty()
    {
        var scope = VariableScope.Workflow("nobody", "nothing");

        Assert.Empty(await Store.ListAsync(scope, Ct));
        Assert.Null(await Store.GetAsync(scope, "k", Ct));
        Assert.Null(await Host.Client.GetEntityAsync<VariableSet>(scope.EntityId, Ct));
    }

    [Fact]
    public async Task UpdatedAt_ComesFromTheClock_AndMovesOnlyForTheKeysWritten()
    {
        var scope = VariableScope.Global;
        var start = Clock.GetUtcNow();
        await Store.SetAsync(scope, "a", Json.Of(1), Ct);
        await Store.SetAsync(scope, "b", Json.Of(2), Ct);

        Clock.Advance(TimeSpan.FromMinutes(5));
        var b = await Store.SetAsync(scope, "b", Json.Of(3), Ct);
        await Store.SetManyAsync(scope, new Dictionary<string, JsonElement> { ["c"] = Json.Of(4) }, cancellationToken: Ct);

        var later = start + TimeSpan.FromMinutes(5);
        Assert.Equal(later, b.UpdatedAt);
        Assert.Equal(
            [("a", start), ("b", later), ("c", later)],
            (await Store.ListAsync(scope, Ct)).Select(v => (v.Key, v.UpdatedAt)));
    }

    [Fact]
    public async Task Keys_AreCaseSensitive_AndNeverMerged()
    {
        var scope = VariableScope.User("carol");
        string[] keys = ["b", "B", "a", "A", "_x", "1", "ab", "a.b", "a-b", "a_b", "Z9", "z9"];

        await Store.SetManyAsync(scope, keys.Index().ToDictionary(k => k.Item, k => Json.Of(k.Index)), cancellationToken: Ct);
        await Store.SetAsync(scope, "B", Json.Of(-1), Ct);

        var values = (await Store.ListAsync(scope, Ct)).ToDictionary(v => v.Key, v => v.Value.GetInt32());
        Assert.Equal(keys.Length, values.Count);
        Assert.All(keys.Index(), k => Assert.Equal(k.Item == "B" ? -1 : k.Index, values[k.Item]));
        Assert.Equal(-1, (await Store.GetAsync(scope, "B", Ct))!.Value.GetInt32());
        Assert.Equal(0, (await Store.GetAsync(scope, "b", Ct))!.Value.GetInt32());
    }

    [Fact]
    public async Task List_IsInOrdinalKeyOrder()
    {
        var scope = VariableScope.User("carol");
        string[] keys = ["b", "B", "a", "A", "_x", "1", "a.b", "a-b", "a_b", "Z9"];

        await Store.SetManyAsync(scope, keys.ToDictionary(k => k, Json.Of), cancellationToken: Ct);

        // VariableSet.Items is documented as ordinal; both this read and the entity's next write start from the stored JSON.
        Assert.Equal(keys.Order(StringComparer.Ordinal), (await Store.ListAsync(scope, Ct)).Select(v => v.Key));
    }

    [Fact]
    public async Task UserIdWithACharacterInstanceIdsForbid_StillGetsAUsableScope()
    {
        // VariableScope.User accepts any non-blank id, but only over-long keys are hashed into a valid instance id.
        var scope = VariableScope.User("team/alice");

        await Store.SetAsync(scope, "k", Json.Of(1), Ct);

        Assert.Equal(1, (await Store.GetAsync(scope, "k", Ct))!.Value.GetInt32());
    }

    [Fact]
    public async Task ReadYourWrites_FromAnotherClient_WithAnotherWorkerRunning()
    {
        var other = Hub.OpenAgain();
        await Host.StartWorkerAsync(other);
        var elsewhere = new VariableStore(new DurableClient(other, Clock));
        var scope = VariableScope.Workflow("alice", "expense");

        for (var i = 0; i < 6; i++)
        {
            var (writer, reader) = i % 2 == 0 ? (Store, elsewhere) : (elsewhere, Store);

            await writer.SetAsync(scope, "step", Json.Of(i), Ct);

            Assert.Equal(i, (await reader.GetAsync(scope, "step", Ct))!.Value.GetInt32());
            Assert.Equal(i, (await writer.GetAsync(scope, "step", Ct))!.Value.GetInt32());
        }

        await elsewhere.SetManyAsync(scope, new Dictionary<string, JsonElement> { ["x"] = Json.Of("x"), ["y"] = Json.Of("y") }, cancellationToken: Ct);
        Assert.Equal(["step", "x", "y"], (await Store.ListAsync(scope, Ct)).Select(v => v.Key));
        Assert.True(await Store.DeleteAsync(scope, "x", Ct));
        Assert.Null(await elsewhere.GetAsync(scope, "x", Ct));
        await elsewhere.ClearAsync(scope, Ct);
        Assert.Empty(await Store.ListAsync(scope, Ct));
    }

    [Fact]
    public async Task Scopes_NeverSeeEachOthersKeys()
    {
        VariableScope[] scopes =
        [
            VariableScope.Global,
            VariableScope.User("alice"),
            VariableScope.User("bob"),
            VariableScope.Workflow("alice", "wf"),
            VariableScope.Workflow("bob", "wf"),
            VariableScope.Session("x"),
            VariableScope.User("alice:wf"),
        ];
        Assert.Equal(scopes.Length, scopes.Select(s => s.EntityId).Distinct().Count());

        foreach (var scope in scopes)
        {
            await Store.SetAsync(scope, "k", Json.Of(scope.Key), Ct);
        }

        foreach (var scope in scopes)
        {
            var list = await Store.ListAsync(scope, Ct);
            Assert.Equal(scope.Key, Assert.Single(list).Value.GetString());
        }

        Assert.True(await Store.DeleteAsync(VariableScope.User("alice"), "k", Ct));
        await Store.ClearAsync(VariableScope.Workflow("bob", "wf"), Ct);

        foreach (var scope in scopes)
        {
            var gone = scope == VariableScope.User("alice") || scope == VariableScope.Workflow("bob", "wf");
            Assert.Equal(gone ? null : scope.Key, (await Store.GetAsync(scope, "k", Ct))?.Value.GetString());
        }
    }

    [Fact]
    public async Task FiftyConcurrentSets_OfDifferentKeys_AllLand()
    {
        var scope = VariableScope.User("busy");

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Store.SetAsync(scope, $"k{i:00}", Json.Of(i), Ct)));

        var list = await Store.ListAsync(scope, Ct);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"k{i:00}"), list.Select(v => v.Key));
        Assert.All(list, v => Assert.Equal(int.Parse(v.Key[1..], System.Globalization.CultureInfo.InvariantCulture), v.Value.GetInt32()));
        await AssertTotalBytesAsync(scope);
    }

    [Fact]
    public async Task FiftyConcurrentSetManys_EachApplyWhole()
    {
        var scope = VariableScope.Workflow("alice", "race");

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Store.SetManyAsync(scope, new Dictionary<string, JsonElement>
        {
            [$"own{i:00}"] = Json.Of(i),
            ["shared"] = Json.Of(i),
            ["pair.a"] = Json.Of(i),
            ["pair.b"] = Json.Of(new string('x', i)),
        }, cancellationToken: Ct)));

        var list = (await Store.ListAsync(scope, Ct)).ToDictionary(v => v.Key, v => v.Value);
        Assert.Equal(53, list.Count);
        Assert.All(Enumerable.Range(0, 50), i => Assert.Equal(i, list[$"own{i:00}"].GetInt32()));

        // The last batch applied wrote all three shared keys; no two batches interleave.
        var last = list["shared"].GetInt32();
        Assert.Equal(last, list["pair.a"].GetInt32());
        Assert.Equal(new string('x', last), list["pair.b"].GetString());
        await AssertTotalBytesAsync(scope);
    }

    [Fact]
    public async Task ConcurrentSetsAndDeletes_EndInExactlyTheExpectedSet()
    {
        var scope = VariableScope.Global;
        await Store.SetManyAsync(scope, Enumerable.Range(0, 25).ToDictionary(i => $"old{i:00}", i => Json.Of(new string('o', i + 1))), cancellationToken: Ct);

        await Task.WhenAll(
            Enumerable.Range(0, 25).Select(i => (Task)Store.DeleteAsync(scope, $"old{i:00}", Ct))
                .Concat(Enumerable.Range(0, 25).Select(i => Store.SetAsync(scope, $"new{i:00}", Json.Of(new string('n', i + 1)), Ct))));

        var list = await Store.ListAsync(scope, Ct);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"new{i:00}"), list.Select(v => v.Key));
        await AssertTotalBytesAsync(scope);
    }

    [Fact]
    public async Task SetMany_WithRemoveNulls_DeletesKeys_WithoutStoresNulls()
    {
        var scope = VariableScope.User("dave");
        await Store.SetManyAsync(scope, new Dictionary<string, JsonElement> { ["a"] = Json.Of(1), ["b"] = Json.Of(2), ["c"] = Json.Of(3) }, cancellationToken: Ct);

        await Store.SetManyAsync(scope, new Dictionary<string, JsonElement> { ["a"] = Json.Parse("null"), ["b"] = Json.Of(5), ["z"] = Json.Parse("null") }, removeNulls: true, Ct);

        Assert.Equal([("b", "5"), ("c", "3")], (await Store.ListAsync(scope, Ct)).Select(v => (v.Key, v.Value.GetRawText())));

        await Store.SetManyAsync(scope, new Dictionary<string, JsonElement> { ["c"] = Json.Parse("null") }, cancellationToken: Ct);

        Assert.Equal(JsonValueKind.Null, (await Store.GetAsync(scope, "c", Ct))!.Value.ValueKind);
        await AssertTotalBytesAsync(scope);

        await Store.SetManyAsync(scope, new Dictionary<string, JsonElement> { ["b"] = Json.Parse("null"), ["c"] = Json.Parse("null") }, removeNulls: true, Ct);

        Assert.Empty(await Store.ListAsync(scope, Ct));
        Assert.Null(await Host.Client.GetEntityAsync<VariableSet>(scope.EntityId, Ct));
    }

    [Fact]
    public async Task Clear_RemovesEveryVariableOfTheScopeOnly()
    {
        var scope = VariableScope.Workflow("erin", "wf");
        var neighbour = VariableScope.Workflow("erin", "wf2");
        await Store.SetManyAsync(scope, new Dictionary<string, JsonElement> { ["a"] = Json.Of(1), ["b"] = Json.Of(2) }, cancellationToken: Ct);
        await Store.SetAsync(neighbour, "a", Json.Of(3), Ct);

        await Store.ClearAsync(scope, Ct);
        await Store.ClearAsync(VariableScope.User("never-used"), Ct);

        Assert.Empty(await Store.ListAsync(scope, Ct));
        Assert.Null(await Host.Client.GetEntityAsync<VariableSet>(scope.EntityId, Ct));
        Assert.Equal(3, (await Store.GetAsync(neighbour, "a", Ct))!.Value.GetInt32());
        await Store.SetAsync(scope, "again", Json.Of(true), Ct);
        Assert.Equal(["again"], (await Store.ListAsync(scope, Ct)).Select(v => v.Key));
    }

    [Fact]
    public async Task LongUserIds_AreHashedIntoUsableEntityIds_AndDoNotCollide()
    {
        var prefix = new string('u', 127);
        var first = VariableScope.User(prefix + "1");
        var second = VariableScope.User(prefix + "2");
        var workflow = VariableScope.Workflow(prefix + "1", "wf");
        var longest = VariableScope.User(new string('a', 84)); // "@variables@user:" + 84 = 100 characters: not hashed
        var hashed = VariableScope.User(new string('a', 85));

        Assert.Equal("user:" + longest.Key[5..], longest.EntityId.Key);
        Assert.All([first, second, workflow, hashed], s =>
        {
            Assert.Null(InstanceIds.Validate(s.EntityId.InstanceId));
            Assert.Contains('=', s.EntityId.Key);
        });
        Assert.Equal(5, new[] { first, second, workflow, longest, hashed }.Select(s => s.EntityId).Distinct().Count());

        await Store.SetAsync(first, "k", Json.Of("first"), Ct);
        await Store.SetAsync(second, "k", Json.Of("second"), Ct);
        await Store.SetAsync(workflow, "k", Json.Of("workflow"), Ct);
        await Store.SetAsync(longest, "k", Json.Of("longest"), Ct);
        await Store.SetAsync(hashed, "k", Json.Of("hashed"), Ct);

        Assert.Equal("first", (await Store.GetAsync(first, "k", Ct))!.Value.GetString());
        Assert.Equal("second", (await Store.GetAsync(second, "k", Ct))!.Value.GetString());
        Assert.Equal("workflow", (await Store.GetAsync(workflow, "k", Ct))!.Value.GetString());
        Assert.Equal("longest", (await Store.GetAsync(longest, "k", Ct))!.Value.GetString());
        Assert.Equal("hashed", (await Store.GetAsync(hashed, "k", Ct))!.Value.GetString());
    }

    [Fact]
    public async Task ValuesAtTheLimits_RoundTrip_AndAFullScopeRefusesOneByteMore()
    {
        var limits = VariableLimits.Default;
        var scope = VariableScope.User("big");
        var values = Enumerable.Range(0, limits.MaxScopeBytes / limits.MaxValueBytes)
            .ToDictionary(i => $"v{i:00}", i => Json.Of(new string((char)('a' + i), limits.MaxValueBytes - 2)));

        await Store.SetManyAsync(scope, values, cancellationToken: Ct);
        var refused = await Assert.ThrowsAsync<VariableLimitException>(() => Store.SetAsync(scope, "one", Json.Of(1), Ct));

        Assert.Equal(VariableLimitKind.ScopeFull, refused.Kind);
        var list = await Store.ListAsync(scope, Ct);
        Assert.Equal(values.Keys, list.Select(v => v.Key));
        Assert.All(list, v => Assert.Equal(values[v.Key].GetString(), v.Value.GetString()));
        Assert.Equal(limits.MaxScopeBytes, (await Host.Client.GetEntityAsync<VariableSet>(scope.EntityId, Ct))!.State.TotalBytes);
    }

    /// <summary>The scope's byte count is the sum of its values' sizes, however the writes interleaved.</summary>
    private async Task AssertTotalBytesAsync(VariableScope scope)
    {
        var set = (await Host.Client.GetEntityAsync<VariableSet>(scope.EntityId, Ct))!.State;
        Assert.Equal(set.Items.Values.Sum(v => JsonSerializer.SerializeToUtf8Bytes(v.Value).Length), set.TotalBytes);
    }
}

/// <summary>The variables suite on the in-memory backend.</summary>
public sealed class InMemoryVariableTests() : VariableBehaviourTests(new InMemoryHubs());

/// <summary>The variables suite on Azure Storage (Azurite), each test on a task hub of its own.</summary>
public sealed class AzureVariableTests(AzuriteFixture azurite) : VariableBehaviourTests(new AzuriteHubs(azurite));
