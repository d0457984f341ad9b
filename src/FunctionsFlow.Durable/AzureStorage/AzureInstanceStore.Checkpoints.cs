using System.Text;
using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Storage.Codec;

namespace FunctionsFlow.Durable.AzureStorage;

internal sealed partial class AzureInstanceStore
{
    /// <inheritdoc />
    /// <remarks>One blob per checkpoint under the instance's folder, so a purge removes it with everything else. The
    /// state goes through the codec bound to the instance and the checkpoint id: a blob copied to another instance or
    /// renamed to another checkpoint does not decode.</remarks>
    public async ValueTask WriteCheckpointAsync(string instanceId, CheckpointWrite checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        CheckpointIds.Validate(checkpoint.Id, nameof(checkpoint));
        var envelope = codec.Encode(Encoding.UTF8.GetBytes(checkpoint.State), CheckpointContext(instanceId, checkpoint.Id));
        await payloads.UploadBytesAsync(PayloadBlobs.CheckpointName(instanceId, checkpoint.Id), envelope, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<string?> ReadCheckpointAsync(string instanceId, string checkpointId, CancellationToken cancellationToken = default)
    {
        if (!CheckpointIds.IsValid(checkpointId))
        {
            return null;
        }

        var envelope = await payloads.DownloadBytesIfExistsAsync(PayloadBlobs.CheckpointName(instanceId, checkpointId), cancellationToken).ConfigureAwait(false);
        return envelope is null ? null : Encoding.UTF8.GetString(codec.Decode(envelope.ToMemory().Span, CheckpointContext(instanceId, checkpointId)));
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<CheckpointInfo>> ListCheckpointsAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var prefix = PayloadBlobs.CheckpointName(instanceId, string.Empty);
        return await payloads.ListAsync(prefix, cancellationToken)
            .Select(b => new CheckpointInfo(b.Name[prefix.Length..], b.LastModified, b.ContentLength))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private static CodecContext CheckpointContext(string instanceId, string checkpointId) =>
        new(instanceId, CodecPurposes.Checkpoint + ":" + checkpointId);
}
