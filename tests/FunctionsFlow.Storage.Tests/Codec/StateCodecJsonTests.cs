using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using FunctionsFlow.Storage.Codec;
using static FunctionsFlow.Storage.Tests.Codec.CodecTestData;

namespace FunctionsFlow.Storage.Tests.Codec;

public sealed class StateCodecJsonTests
{
    public sealed class FlowNode
    {
        public string Name { get; set; } = string.Empty;

        public FlowNode? Next { get; set; }

        public List<FlowNode> Branches { get; set; } = [];
    }

    public sealed record Checkpoint(string InstanceId, int Sequence, IReadOnlyList<string> Pending);

    [Fact]
    public void DecodeJson_GraphWithCycles_RestoresTheSameShape()
    {
        var start = new FlowNode { Name = "start" };
        var wait = new FlowNode { Name = "wait", Next = start };
        start.Next = wait;
        start.Branches.Add(start);
        start.Branches.Add(wait);
        var codec = Encrypting();

        var envelope = codec.EncodeJson(start, Context);
        var decoded = codec.DecodeJson<FlowNode>(envelope, Context);

        Assert.NotNull(decoded);
        Assert.Equal("start", decoded.Name);
        Assert.Equal("wait", decoded.Next!.Name);
        Assert.Same(decoded, decoded.Next.Next);
        Assert.Same(decoded, decoded.Branches[0]);
        Assert.Same(decoded.Next, decoded.Branches[1]);
    }

    [Fact]
    public void EncodeJson_CallerOptions_AreUsedForThePlaintext()
    {
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        var codec = Encrypting();
        var checkpoint = new Checkpoint("order-4711", 3, ["approve"]);

        var envelope = codec.EncodeJson(checkpoint, Context, options);

        var json = Encoding.UTF8.GetString(codec.Decode(envelope, Context));
        Assert.Contains("\"instance_id\":\"order-4711\"", json, StringComparison.Ordinal);
        Assert.Equal(checkpoint.Pending, codec.DecodeJson<Checkpoint>(envelope, Context, options)!.Pending);
    }

    [Fact]
    public void DecodeJson_SourceGeneratedTypeInfo_RoundTrips()
    {
        var codec = Checksumming();
        var checkpoint = new Checkpoint("order-4711", 7, ["approve", "ship"]);

        var envelope = codec.EncodeJson(checkpoint, Context, CodecTestJsonContext.Default.Checkpoint);
        var decoded = codec.DecodeJson(envelope, Context, CodecTestJsonContext.Default.Checkpoint);

        Assert.NotNull(decoded);
        Assert.Equal(7, decoded.Sequence);
        Assert.Equal(checkpoint.Pending, decoded.Pending);
    }

    [Fact]
    public void DecodeJson_EnvelopeOfAnotherPurpose_ThrowsAuthenticationFailed()
    {
        var codec = Encrypting();
        var envelope = codec.EncodeJson(new Checkpoint("order-4711", 1, []), Context);

        var error = Assert.Throws<StateCodecException>(() =>
            codec.DecodeJson<Checkpoint>(envelope, Context with { Purpose = CodecPurposes.Payload }));

        Assert.Equal(StateCodecError.AuthenticationFailed, error.Error);
    }
}

[JsonSerializable(typeof(StateCodecJsonTests.Checkpoint))]
internal sealed partial class CodecTestJsonContext : JsonSerializerContext;
