using System.Security.Cryptography;
using FunctionsFlow.Durable.AzureStorage;
using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.History;
using FunctionsFlow.Storage.Codec;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Durable.Tests.AzureStorage;

/// <summary>With an encrypting codec, nothing of an instance's state is stored in clear: not in rows, blobs, checkpoints
/// nor queue messages; and it all reads back.</summary>
public sealed class AzurePayloadEncryptionTests(AzuriteFixture azurite)
{
    private const string Marker = "PLAINTEXT-MARKER-7f3a";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StateCodec EncryptingCodec(string keyId = "k1", byte[]? key = null) =>
        new(new StateCodecOptions { KeyProvider = new StaticCodecKeyProvider([new CodecKey(keyId, key ?? RandomNumberGenerator.GetBytes(32))], keyId) });

    [Fact]
    public async Task AnEncryptingHub_StoresNoPlaintext_AndReadsEverythingBack()
    {
        await using var hub = await TestTaskHub.CreateAsync(azurite, codec: EncryptingCodec());
        var store = hub.Backend.Store;
        var small = $"\"{Marker} small\"";
        var large = "\"" + Marker + new string('x', 40_000) + "\"";
        var metadata = new InstanceMetadata
        {
            InstanceId = "enc-1",
            Name = "Secretive",
            ExecutionId = "e1",
            RuntimeStatus = OrchestrationRuntimeStatus.Pending,
            CreatedAt = DateTimeOffset.UnixEpoch,
            LastUpdatedAt = DateTimeOffset.UnixEpoch,
            Input = large,
            CustomStatus = small,
        };
        var started = new ExecutionStartedEvent(DateTimeOffset.UnixEpoch, "Secretive", "enc-1", "e1", large);
        var message = new OutboundMessage(new OrchestrationWorkItem("m1", "enc-1", "e1", new EventRaisedEvent(DateTimeOffset.UnixEpoch, "go", small, "m1")));
        var created = await store.TryCreateAsync(metadata, [message], null, Ct);
        var running = metadata with { RuntimeStatus = OrchestrationRuntimeStatus.Running, Output = small };
        Assert.NotNull(await store.TryCommitAsync("enc-1", new InstanceCommit(created!, running, [started], false, [message], [new CheckpointWrite("0001-x", large)]), Ct));
        await hub.Backend.ControlQueue.SendAsync(message.Item, TimeSpan.Zero, Ct);
        await hub.Backend.ControlQueue.SendAsync(new OrchestrationWorkItem("m2", "enc-1", "e1", new EventRaisedEvent(DateTimeOffset.UnixEpoch, "go", large, "m2")), TimeSpan.Zero, Ct);

        var stored = await hub.Factory.EverythingStoredAsync(hub.TaskHubName, Ct);

        Assert.Contains("Secretive", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, stored, StringComparison.Ordinal);
        var record = await store.LoadAsync("enc-1", Ct);
        Assert.Equal(large, record!.Metadata.Input);
        Assert.Equal(small, record.Metadata.Output);
        Assert.Equal(large, Assert.IsType<ExecutionStartedEvent>(Assert.Single(record.History)).Input);
        Assert.Equal(large, await store.ReadCheckpointAsync("enc-1", "0001-x", Ct));
        var received = await hub.Backend.ControlQueue.ReceiveAsync(10, TimeSpan.FromMinutes(1), Ct);
        Assert.Equal([small, large], received.Select(r => ((EventRaisedEvent)((OrchestrationWorkItem)r.Item).Event).Input).Order());
    }

    [Fact]
    public async Task AnEncryptingHub_ReadsWhatItWroteBeforeEncryptionWasOn_AndOldKeysStillDecrypt()
    {
        var name = AzuriteFixture.NewName("hub");
        var oldKey = RandomNumberGenerator.GetBytes(32);
        await using var plain = await TestTaskHub.CreateAsync(azurite, taskHubName: name);
        await plain.Backend.Store.WriteCheckpointAsync("i1", new CheckpointWrite("plain", "\"before\""), Ct);
        var withOld = new AzureStorageBackend(plain.Factory, new AzureStorageBackendOptions { TaskHubName = name, Codec = EncryptingCodec("old", oldKey) });
        await withOld.Store.WriteCheckpointAsync("i1", new CheckpointWrite("old", "\"encrypted\""), Ct);

        var rotated = new StateCodec(new StateCodecOptions
        {
            KeyProvider = new StaticCodecKeyProvider([new CodecKey("new", RandomNumberGenerator.GetBytes(32)), new CodecKey("old", oldKey)], "new"),
        });
        var store = new AzureStorageBackend(plain.Factory, new AzureStorageBackendOptions { TaskHubName = name, Codec = rotated }).Store;

        Assert.Equal("\"before\"", await store.ReadCheckpointAsync("i1", "plain", Ct));
        Assert.Equal("\"encrypted\"", await store.ReadCheckpointAsync("i1", "old", Ct));
    }

    [Fact]
    public async Task ACheckpointBlob_CopiedToAnotherInstanceOrId_DoesNotDecode()
    {
        await using var hub = await TestTaskHub.CreateAsync(azurite, codec: EncryptingCodec());
        await hub.Backend.Store.WriteCheckpointAsync("i1", new CheckpointWrite("0001-a", "\"mine\""), Ct);
        var blob = (await hub.BlobNamesAsync()).Single();
        var bytes = await hub.Payloads.DownloadContentAsync(blob, Ct);
        await hub.Payloads.UploadAsync(blob.Replace("i1/", "i2/", StringComparison.Ordinal), bytes, cancellationToken: Ct);
        await hub.Payloads.UploadAsync(blob.Replace("0001-a", "0002-b", StringComparison.Ordinal), bytes, cancellationToken: Ct);

        var moved = await Assert.ThrowsAsync<StateCodecException>(() => hub.Backend.Store.ReadCheckpointAsync("i2", "0001-a", Ct).AsTask());
        var renamed = await Assert.ThrowsAsync<StateCodecException>(() => hub.Backend.Store.ReadCheckpointAsync("i1", "0002-b", Ct).AsTask());

        Assert.Equal(StateCodecError.AuthenticationFailed, moved.Error);
        Assert.Equal(StateCodecError.AuthenticationFailed, renamed.Error);
    }
}
