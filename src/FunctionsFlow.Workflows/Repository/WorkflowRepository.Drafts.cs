using FunctionsFlow.Storage;
using FunctionsFlow.Storage.Tables;

namespace FunctionsFlow.Workflows.Repository;

public sealed partial class WorkflowRepository
{
    /// <summary>How often a read retries when the draft it found was replaced before its blob was read.</summary>
    private const int MaxReadAttempts = 10;

    /// <summary>Creates a workflow, or replaces its draft, name and description.</summary>
    /// <param name="owner">The owner (see <see cref="OwnerIds"/>).</param>
    /// <param name="workflowId">The workflow id (see <see cref="WorkflowIds"/>).</param>
    /// <param name="name">The display name.</param>
    /// <param name="description">The description, if any.</param>
    /// <param name="source">The definition's text, at most <see cref="MaxSourceBytes"/> of UTF-8.</param>
    /// <param name="contentType">One of <see cref="WorkflowContentTypes"/>.</param>
    /// <param name="ifMatch">The ETag the caller last read, to refuse the save if the workflow changed since; <c>*</c>
    /// for "only if it exists"; null to save whatever the current version.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns>The saved head, and whether the save created it. The state is Published when the source is the latest
    /// published version's, else Draft.</returns>
    /// <exception cref="WorkflowConcurrencyException"><paramref name="ifMatch"/> no longer matches; nothing was changed.</exception>
    /// <exception cref="WorkflowSourceTooLargeException">The source is too large; nothing was changed.</exception>
    /// <exception cref="ArgumentException">An id, the name, the description or the content type is not acceptable.</exception>
    public async Task<SaveDraftResult> SaveDraftAsync(
        string owner,
        string workflowId,
        string name,
        string? description,
        string source,
        string contentType,
        string? ifMatch = null,
        CancellationToken cancellationToken = default)
    {
        CheckOwner(owner, nameof(owner));
        if (!WorkflowIds.IsValid(workflowId))
        {
            throw new ArgumentException(WorkflowIds.Rule, nameof(workflowId));
        }

        CheckText(name, MaxNameLength, required: true, nameof(name));
        CheckText(description, MaxDescriptionLength, required: false, nameof(description));
        if (!WorkflowContentTypes.IsSupported(contentType))
        {
            throw new ArgumentException($"The content type is '{WorkflowContentTypes.Yaml}' or '{WorkflowContentTypes.Json}'.", nameof(contentType));
        }

        var text = SourceText.Create(source);
        string? uploaded = null;
        while (true)
        {
            var head = await ReadHeadAsync(owner, workflowId, cancellationToken).ConfigureAwait(false);
            if (ifMatch is not null && (head is null || (ifMatch != "*" && head.ETag.ToString() != ifMatch)))
            {
                await _blobs.DeleteUnreferencedAsync(uploaded, cancellationToken).ConfigureAwait(false);
                throw new WorkflowConcurrencyException(owner, workflowId);
            }

            // An unchanged source keeps its blob; a changed one is written once, however often the head write is retried.
            var blob = head?.DraftHash == text.Hash
                ? head.DraftBlob
                : uploaded ??= await _blobs.UploadAsync(SourceBlobs.Drafts, text, contentType, owner, workflowId, cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            var next = head is null
                ? new WorkflowHead(
                    owner, workflowId, name, description, contentType, text.Hash, blob, LatestVersion: 0, LatestHash: null,
                    await HighestVersionAsync(owner, workflowId, cancellationToken).ConfigureAwait(false), now, now, NewWriteId())
                : head with
                {
                    Name = name,
                    Description = description,
                    ContentType = contentType,
                    DraftHash = text.Hash,
                    DraftBlob = blob,
                    UpdatedAt = now,
                    WriteId = NewWriteId(),
                };
            if (await TryWriteHeadAsync(next, head, cancellationToken).ConfigureAwait(false) is not { } written)
            {
                continue;
            }

            if (head is not null && head.DraftBlob != blob)
            {
                await _blobs.DeleteUnreferencedAsync(head.DraftBlob, cancellationToken).ConfigureAwait(false);
            }

            if (uploaded != blob)
            {
                await _blobs.DeleteUnreferencedAsync(uploaded, cancellationToken).ConfigureAwait(false);
            }

            return new SaveDraftResult(written.ToRecord(), Created: head is null);
        }
    }

    /// <summary>A workflow's head alone (no source, no versions: one table read), or null when <paramref name="owner"/>
    /// has no workflow of that id.</summary>
    public async Task<WorkflowRecord?> GetRecordAsync(string owner, string workflowId, CancellationToken cancellationToken = default)
    {
        CheckOwner(owner, nameof(owner));
        return WorkflowIds.IsValid(workflowId) && await ReadHeadAsync(owner, workflowId, cancellationToken).ConfigureAwait(false) is { } head
            ? head.ToRecord()
            : null;
    }

    /// <summary>A workflow with its draft source and published versions, or null when <paramref name="owner"/> has no
    /// workflow of that id (another owner's workflow is not found either).</summary>
    public async Task<WorkflowDetail?> GetAsync(string owner, string workflowId, CancellationToken cancellationToken = default)
    {
        CheckOwner(owner, nameof(owner));
        if (!WorkflowIds.IsValid(workflowId))
        {
            return null;
        }

        for (var attempt = 0; attempt < MaxReadAttempts; attempt++)
        {
            if (await ReadHeadAsync(owner, workflowId, cancellationToken).ConfigureAwait(false) is not { } head)
            {
                return null;
            }

            if (await _blobs.DownloadAsync(head.DraftBlob, cancellationToken).ConfigureAwait(false) is not { } source)
            {
                continue; // the draft was replaced since the head was read
            }

            IReadOnlyList<PublishedVersion> versions = [];
            if (head.LatestVersion > head.VersionBase)
            {
                versions = await _workflows
                    .QueryAllAsync(
                        WorkflowRows.VersionsOf(owner, workflowId, head.VersionBase + 1, head.LatestVersion),
                        WorkflowRows.PublishedVersionProperties,
                        cancellationToken)
                    .Select(WorkflowRows.ToPublishedVersion)
                    .ToListAsync(cancellationToken)
                    .ConfigureAwait(false);
            }

            return new WorkflowDetail(head.ToRecord(), source, versions);
        }

        throw new InvalidOperationException($"Workflow '{workflowId}' changed on every one of {MaxReadAttempts} reads; try again.");
    }

    /// <summary>One page of an owner's workflows, by id, without their sources.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="state">Only workflows in this state, or null for all.</param>
    /// <param name="top">The most workflows in the page, 1 to 1,000.</param>
    /// <param name="continuationToken">The token of the previous page, or null for the first.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ArgumentException">The continuation token was not issued by this listing.</exception>
    public async Task<WorkflowPage> ListAsync(
        string owner, WorkflowState? state = null, int top = 100, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        CheckOwner(owner, nameof(owner));
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(top, TableClient.MaxPageSize);
        var filter = state is { } wanted
            ? TableFilter.And(WorkflowRows.HeadsOf(owner), TableFilter.Equal(nameof(WorkflowHead.State), wanted.ToString()))
            : WorkflowRows.HeadsOf(owner);

        // The service may end a page early, even empty, with a token; only hand out an empty page at the end.
        var token = continuationToken;
        while (true)
        {
            var page = await _workflows.QueryAsync(filter, top, select: null, token, cancellationToken).ConfigureAwait(false);
            token = page.ContinuationToken;
            if (page.Items.Count > 0 || token is null)
            {
                return new WorkflowPage([.. page.Items.Select(e => WorkflowHead.FromEntity(e).ToRecord())], token);
            }
        }
    }

    /// <summary>Deletes a workflow's head and draft; its published versions stay readable through
    /// <see cref="GetVersionAsync"/> for the executions pinned to them.</summary>
    /// <returns>False when the owner has no workflow of that id.</returns>
    /// <remarks>A workflow created later with the same id numbers its versions after the kept ones, so a version number
    /// always means one source.</remarks>
    public async Task<bool> DeleteAsync(string owner, string workflowId, CancellationToken cancellationToken = default)
    {
        CheckOwner(owner, nameof(owner));
        if (!WorkflowIds.IsValid(workflowId))
        {
            return false;
        }

        while (true)
        {
            if (await ReadHeadAsync(owner, workflowId, cancellationToken).ConfigureAwait(false) is not { } head)
            {
                return false;
            }

            try
            {
                await _workflows.DeleteEntityAsync(owner, WorkflowRows.HeadKey(workflowId), head.ETag, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException ex) when (ex.IsPreconditionFailed || ex.IsNotFound)
            {
                continue; // changed since read (its draft blob may be another now), or deleted by another caller
            }

            await _blobs.DeleteUnreferencedAsync(head.DraftBlob, cancellationToken).ConfigureAwait(false);
            return true;
        }
    }

    private async Task<WorkflowHead?> ReadHeadAsync(string owner, string workflowId, CancellationToken cancellationToken) =>
        await _workflows.GetEntityIfExistsAsync(owner, WorkflowRows.HeadKey(workflowId), cancellationToken: cancellationToken).ConfigureAwait(false)
            is { } row ? WorkflowHead.FromEntity(row) : null;

    /// <summary>Writes <paramref name="next"/> over <paramref name="current"/> (guarded by its ETag), or creates it when
    /// <paramref name="current"/> is null.</summary>
    /// <returns>The written head with its new ETag, or null when another writer got there first.</returns>
    private async Task<WorkflowHead?> TryWriteHeadAsync(WorkflowHead next, WorkflowHead? current, CancellationToken cancellationToken)
    {
        var entity = next.ToEntity();
        try
        {
            var etag = current is null
                ? await _workflows.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)
                : await _workflows.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return next with { ETag = etag };
        }
        catch (StorageException ex) when (ex.IsConflict || ex.IsPreconditionFailed || ex.IsNotFound)
        {
            // A retried request whose first attempt was applied fails its own condition: the write id tells.
            var stored = await ReadHeadAsync(next.Owner, next.WorkflowId, cancellationToken).ConfigureAwait(false);
            return stored?.WriteId == next.WriteId ? stored : null;
        }
    }

    /// <summary>The highest version number stored for a workflow id (kept from deleted workflows of that id), or 0;
    /// rows sort by number.</summary>
    private async Task<int> HighestVersionAsync(string owner, string workflowId, CancellationToken cancellationToken) =>
        await _workflows
            .QueryAllAsync(WorkflowRows.VersionsOf(owner, workflowId, 1, int.MaxValue), ["Version"], cancellationToken)
            .Select(row => row.GetInt32("Version") ?? 0)
            .LastOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
}
