using System.Text.Json;
using FunctionsFlow.Durable.Client;
using FunctionsFlow.Testing;
using FunctionsFlow.Workflows.Tests.Support;
using FunctionsFlow.Workflows.Variables;

namespace FunctionsFlow.Workflows.Tests.Variables;

/// <summary>What the store refuses before it sends anything: its client's backend fails on any use.</summary>
public sealed class VariableInputTests
{
    private readonly VariableStore _store = new(new DurableClient(new UnreachableBackend(), new ManualTimeProvider()));

    public static TheoryData<string> BadKeys => new()
    {
        "",
        new string('k', 129),
        "has space",
        "a/b",
        "a:b",
        "é",
        ".dot",
        "-dash",
        "tab\t",
        "emoji😀",
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task BadKey_IsRefusedAsInvalidKey_BeforeAnythingIsSent(string key)
    {
        var set = await Assert.ThrowsAsync<VariableLimitException>(() => _store.SetAsync(VariableScope.Global, key, Json.Of(1), TestContext.Current.CancellationToken));
        var setMany = await Assert.ThrowsAsync<VariableLimitException>(() => _store.SetManyAsync(
            VariableScope.Global, new Dictionary<string, JsonElement> { ["fine"] = Json.Of(1), [key] = Json.Of(2) }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(VariableLimitKind.InvalidKey, set.Kind);
        Assert.Equal(VariableLimitKind.InvalidKey, setMany.Kind);
    }

    [Fact]
    public async Task NullKey_IsRefusedAsInvalidKey_BeforeAnythingIsSent()
    {
        var set = await Assert.ThrowsAsync<VariableLimitException>(() => _store.SetAsync(VariableScope.Global, null!, Json.Of(1), TestContext.Current.CancellationToken));

        Assert.Equal(VariableLimitKind.InvalidKey, set.Kind);
    }

    [Theory]
    [InlineData("k")]
    [InlineData("_")]
    [InlineData("9lives")]
    [InlineData("a.b-c_D")]
    public void GoodKeys_Pass(string key) => VariableLimits.Default.ValidateKey(key);

    [Fact]
    public void LongestKey_Passes() => VariableLimits.Default.ValidateKey(new string('k', 128));

    [Fact]
    public async Task OversizedValue_IsRefusedAsValueTooLarge_BeforeAnythingIsSent()
    {
        var tooLarge = Json.Of(new string('x', VariableLimits.Default.MaxValueBytes - 1)); // with its quotes: one byte over
        var nested = Json.Parse("{\"a\":[" + string.Join(',', Enumerable.Repeat("12345", 11_000)) + "]}");

        var set = await Assert.ThrowsAsync<VariableLimitException>(() => _store.SetAsync(VariableScope.Global, "k", tooLarge, TestContext.Current.CancellationToken));
        var setMany = await Assert.ThrowsAsync<VariableLimitException>(() => _store.SetManyAsync(
            VariableScope.Global, new Dictionary<string, JsonElement> { ["small"] = Json.Of(1), ["big"] = nested }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(VariableLimitKind.ValueTooLarge, set.Kind);
        Assert.Equal(VariableLimitKind.ValueTooLarge, setMany.Kind);
        Assert.Equal(VariableLimits.Default.MaxValueBytes, VariableLimits.Default.ValidateValue(Json.Of(new string('x', VariableLimits.Default.MaxValueBytes - 2))));
    }

    [Fact]
    public void ValueSize_IsCompactJson_WhateverTheInputsWhiteSpace() =>
        Assert.Equal(13, VariableLimits.Default.ValidateValue(Json.Parse("{ \"a\" : [ 1 , 2 , 3 ] }")));

    [Fact]
    public void ValueSize_CountsNonAsciiTextAsItsUtf8Bytes()
    {
        // 20,000 × "é" is 40,002 bytes of UTF-8 JSON, well under the 64 KiB limit.
        var accented = Json.Of(new string('é', 20_000));

        Assert.Equal(40_002, VariableLimits.Default.ValidateValue(accented));
    }

    [Fact]
    public void CustomLimits_AreWhatTheStoreChecks()
    {
        var limits = new VariableLimits { MaxKeyLength = 3, MaxValueBytes = 4 };
        var store = new VariableStore(new DurableClient(new UnreachableBackend(), new ManualTimeProvider()), limits);

        Assert.Equal(VariableLimitKind.InvalidKey, Assert.Throws<VariableLimitException>(() => store.Limits.ValidateKey("abcd")).Kind);
        Assert.Equal(VariableLimitKind.ValueTooLarge, Assert.Throws<VariableLimitException>(() => store.Limits.ValidateValue(Json.Of("abc"))).Kind);
        Assert.Equal(4, store.Limits.ValidateValue(Json.Of(1234)));
    }
}
