using System.Text.Json;
using FunctionsFlow.Storage;
using FunctionsFlow.Storage.Tables;

namespace FunctionsFlow.Host.Operations;

/// <summary>The app's own state in the task hub's <c>{hub}System</c> table: the emergency switch and the last
/// heartbeat, one row each, so every instance of the app reads the same and both survive restarts.</summary>
internal sealed class SystemStore(StorageClientFactory factory, string taskHubName)
{
    private const string Partition = "system";
    private const string EmergencyRow = "emergency";
    private const string HeartbeatRow = "heartbeat";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TableClient _table = factory.GetTableClient(taskHubName + "System");

    /// <summary>Creates the table unless it exists.</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The emergency switch as stored (off when never set).</summary>
    public async Task<EmergencyState> GetEmergencyAsync(CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync(Partition, EmergencyRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row is null ? EmergencyState.Off : new EmergencyState(
            row.GetBoolean("Active") ?? false,
            row.GetString("Reason"),
            row.GetDateTimeOffset("Since"),
            row.GetString("By"));
    }

    /// <summary>Stores the emergency switch.</summary>
    public async Task SetEmergencyAsync(EmergencyState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var row = new TableEntity(Partition, EmergencyRow) { ["Active"] = state.Active, ["Reason"] = state.Reason ?? string.Empty, ["By"] = state.By ?? string.Empty };
        if (state.Since is { } since)
        {
            row["Since"] = since;
        }

        await _table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The last heartbeat's report, when there was one.</summary>
    public async Task<HeartbeatReport?> GetHeartbeatAsync(CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync(Partition, HeartbeatRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row?.GetString("Report") is { } json ? JsonSerializer.Deserialize<HeartbeatReport>(json, Json) : null;
    }

    /// <summary>Stores a heartbeat's report (the latest replaces the one before).</summary>
    public async Task SetHeartbeatAsync(HeartbeatReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var row = new TableEntity(Partition, HeartbeatRow) { ["At"] = report.At, ["Report"] = JsonSerializer.Serialize(report, Json) };
        await _table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The emergency switch: on or off, why, since when and who set it.</summary>
internal sealed record EmergencyState(bool Active, string? Reason, DateTimeOffset? Since, string? By)
{
    public static EmergencyState Off { get; } = new(false, null, null, null);
}
