using FunctionsFlow.Storage;

namespace FunctionsFlow.Workflows.Repository;

public sealed partial class WorkflowRepository
{
    /// <summary>Freezes the current draft as the next version and makes it the latest.</summary>
    /// <returns>The version that holds the draft, or null when the owner has no workflow of that id.</returns>
    /// <remarks>Idempotent: when the draft already is the latest version (a retry, or concurrent publishes of one draft)
    /// this returns that version and writes nothing. Publishing writes the version's blob, then its row (create-only,
    /// so one number is taken once), then moves the head (under its ETag). A publish that stopped after writing the row
    /// leaves the head one version behind; the next publish finds the row, moves the head to it first, and returns it
    /// when the draft is still that source. Version numbers therefore have no gaps and never repeat.</remarks>
    public async Task<int?> PublishAsync(string owner, string workflowId, CancellationToken cancellationToken = default)
    {
        CheckOwner(owner, nameof(owner));
        if (!WorkflowIds.IsValid(workflowId))
        {
            return null;
        }

        while (true)
        {
            if (await ReadHeadAsync(owner, workflowId, cancellationToken).ConfigureAwait(false) is not { } head)
            {
                return null;
            }

            if (head.State == WorkflowState.Published)
            {
                return head.LatestVersion;
            }

            var number = head.NextVersion;
            var claimed = await _workflows
                .GetEntityIfExistsAsync(owner, WorkflowRows.VersionKey(workflowId, number), ["ContentHash"], cancellationToken)
                .ConfigureAwait(false);
            if (claimed is not null)
            {
                // Another publish wrote this version and has not moved the head (yet, or ever): move it on its behalf.
                await TryMoveHeadAsync(head, number, claimed.GetString("ContentHash")!, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (await TryAddVersionAsync(head, number, cancellationToken).ConfigureAwait(false))
            {
                await MoveHeadAsync(head, number, cancellationToken).ConfigureAwait(false);
                return number;
            }
        }
    }

    /// <summary>A published version with its source, or null when there is no such version. Versions stay readable
    /// after their workflow is deleted.</summary>
    public async Task<WorkflowVersion?> GetVersionAsync(string owner, string workflowId, int version, CancellationToken cancellationToken = default)
    {
        CheckOwner(owner, nameof(owner));
        if (!WorkflowIds.IsValid(workflowId) || version < 1)
        {
            return null;
        }

        var row = await _workflows
            .GetEntityIfExistsAsync(owner, WorkflowRows.VersionKey(workflowId, version), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var blob = row.GetString("SourceBlob")!;
        var source = await _blobs.DownloadAsync(blob, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Version {version} of workflow '{workflowId}' has lost its source blob '{blob}'.");
        return WorkflowRows.ToVersion(row, source);
    }

    /// <summary>Writes the head's draft as version <paramref name="number"/>: its own blob, then its row, create-only.</summary>
    /// <returns>False when the draft was replaced meanwhile or another publish took the number; nothing stays referenced.</returns>
    private async Task<bool> TryAddVersionAsync(WorkflowHead head, int number, CancellationToken cancellationToken)
    {
        if (await _blobs.DownloadAsync(head.DraftBlob, cancellationToken).ConfigureAwait(false) is not { } draft)
        {
            return false;
        }

        var blob = await _blobs
            .UploadAsync(SourceBlobs.Versions, SourceText.Create(draft), head.ContentType, head.Owner, head.WorkflowId, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            await _workflows.AddEntityAsync(WorkflowRows.VersionRow(head, number, blob, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StorageException ex) when (ex.IsConflict)
        {
            // Taken, unless this very request was applied and its answer lost: the row then names this blob.
            var row = await _workflows
                .GetEntityIfExistsAsync(head.Owner, WorkflowRows.VersionKey(head.WorkflowId, number), ["SourceBlob"], cancellationToken)
                .ConfigureAwait(false);
            if (row?.GetString("SourceBlob") == blob)
            {
                return true;
            }

            await _blobs.DeleteUnreferencedAsync(blob, cancellationToken).ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>Moves the head to a version this call wrote, unless another writer already moved it there or beyond.</summary>
    private async Task MoveHeadAsync(WorkflowHead head, int number, CancellationToken cancellationToken)
    {
        var current = head;
        while (!await TryMoveHeadAsync(current, number, head.DraftHash, cancellationToken).ConfigureAwait(false))
        {
            // A save or another publish got there first. A head at or past the number has it already (a concurrent
            // publish moved it); a deleted head has nothing to move, and the version stays readable on its own.
            if (await ReadHeadAsync(head.Owner, head.WorkflowId, cancellationToken).ConfigureAwait(false) is not { } read ||
                read.LatestVersion >= number || read.VersionBase >= number)
            {
                return;
            }

            current = read;
        }
    }

    private async Task<bool> TryMoveHeadAsync(WorkflowHead head, int number, string contentHash, CancellationToken cancellationToken)
    {
        var moved = head with { LatestVersion = number, LatestHash = contentHash, UpdatedAt = _time.GetUtcNow(), WriteId = NewWriteId() };
        return await TryWriteHeadAsync(moved, head, cancellationToken).ConfigureAwait(false) is not null;
    }
}
