using Azure;
using FunctionsFlow.Storage;
using FunctionsFlow.Storage.Codec;
using FunctionsFlow.Storage.Tables;
using FunctionsFlow.Workflows.Repository;

namespace FunctionsFlow.Workflows.Schedules;

/// <summary>A page of an owner's schedules.</summary>
public sealed record SchedulePage(IReadOnlyList<Schedule> Items, string? ContinuationToken);

/// <summary>Schedules in the task hub's <c>{hub}Schedules</c> table, a partition per owner. Every change is made
/// under the row's ETag, so concurrent changes (a tick, a pause) never overwrite each other.</summary>
public sealed class ScheduleStore
{
    private const int MaxUpdateAttempts = 16;

    private readonly TableClient _table;
    private readonly StateCodec? _codec;

    /// <summary>Creates the store for <paramref name="taskHubName"/>.</summary>
    /// <param name="factory">The storage account's clients.</param>
    /// <param name="taskHubName">The task hub.</param>
    /// <param name="codec">Encrypts each schedule's definition (with its input), when it encrypts.</param>
    public ScheduleStore(StorageClientFactory factory, string taskHubName, StateCodec? codec = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentException.ThrowIfNullOrWhiteSpace(taskHubName);
        _table = factory.GetTableClient(taskHubName + "Schedules");
        _codec = codec;
    }

    /// <summary>Creates the table unless it exists.</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Deletes the table (tests).</summary>
    public Task DeleteStorageAsync(CancellationToken cancellationToken = default) => _table.DeleteAsync(cancellationToken);

    /// <summary>Stores a new schedule; false when the owner already has one with that id.</summary>
    /// <exception cref="ArgumentException">The definition is too large to store.</exception>
    public async Task<bool> TryAddAsync(Schedule schedule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        try
        {
            await _table.AddEntityAsync(ScheduleRows.ToEntity(schedule, _codec), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StorageException ex) when (ex.IsConflict)
        {
            // A retried insert whose first attempt was applied also answers 409: the generation tells ours apart.
            var stored = await GetAsync(schedule.Owner, schedule.Id, cancellationToken).ConfigureAwait(false);
            return stored?.Generation == schedule.Generation;
        }
    }

    /// <summary>An owner's schedule, or null.</summary>
    public async Task<Schedule?> GetAsync(string owner, string id, CancellationToken cancellationToken = default)
    {
        if (!IsKey(owner, id))
        {
            return null;
        }

        var row = await _table.GetEntityIfExistsAsync(owner, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row is null ? null : ScheduleRows.FromEntity(row, _codec);
    }

    /// <summary>One page of an owner's schedules, by id.</summary>
    /// <exception cref="ArgumentException">The continuation token was not issued by this listing.</exception>
    public async Task<SchedulePage> ListAsync(string owner, int top = 100, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(top, TableClient.MaxPageSize);
        if (!OwnerIds.IsValid(owner))
        {
            return new SchedulePage([], null);
        }

        // The service may end a page early, even empty, with a token; only hand out an empty page at the end.
        var token = continuationToken;
        while (true)
        {
            var page = await _table.QueryAsync(TableFilter.PartitionKeyEquals(owner), top, select: null, token, cancellationToken).ConfigureAwait(false);
            token = page.ContinuationToken;
            if (page.Items.Count > 0 || token is null)
            {
                return new SchedulePage([.. page.Items.Select(row => ScheduleRows.FromEntity(row, _codec))], token);
            }
        }
    }

    /// <summary>Changes a schedule with <paramref name="change"/>, read afresh and written again under its ETag until
    /// no one else wrote in between. Returns the schedule as stored, or null when there is none.</summary>
    public async Task<Schedule?> UpdateAsync(string owner, string id, Func<Schedule, Schedule> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 0; attempt < MaxUpdateAttempts; attempt++)
        {
            if (await GetAsync(owner, id, cancellationToken).ConfigureAwait(false) is not { } current)
            {
                return null;
            }

            var changed = change(current);
            if (changed == current)
            {
                return current;
            }

            if (await TryReplaceAsync(changed, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                return stored;
            }
        }

        throw new InvalidOperationException($"Schedule '{id}' changed on every one of {MaxUpdateAttempts} attempts to change it; try again.");
    }

    /// <summary>Writes a schedule read earlier, if its row has not changed since (its <see cref="Schedule.ETag"/>).
    /// Returns it with its new ETag, or null when it changed or was deleted.</summary>
    public async Task<Schedule?> TryReplaceAsync(Schedule schedule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        try
        {
            var etag = await _table.UpdateEntityAsync(ScheduleRows.ToEntity(schedule, _codec), new ETag(schedule.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return schedule with { ETag = etag.ToString() };
        }
        catch (StorageException ex) when (ex.IsPreconditionFailed || ex.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Deletes an owner's schedule; false when there is none.</summary>
    public async Task<bool> DeleteAsync(string owner, string id, CancellationToken cancellationToken = default)
    {
        if (!IsKey(owner, id))
        {
            return false;
        }

        try
        {
            await _table.DeleteEntityAsync(owner, id, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StorageException ex) when (ex.IsNotFound)
        {
            return false;
        }
    }

    /// <summary>Every active schedule of every owner, as (owner, id).</summary>
    public async IAsyncEnumerable<(string Owner, string Id)> ListActiveAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableFilter.Equal(ScheduleRows.Status, nameof(ScheduleStatus.Active));
        await foreach (var row in _table.QueryAllAsync(filter, [ScheduleRows.Status], cancellationToken).ConfigureAwait(false))
        {
            yield return (row.PartitionKey, row.RowKey);
        }
    }

    private static bool IsKey(string owner, string id) => OwnerIds.IsValid(owner) && ScheduleIds.IsValid(id);
}
