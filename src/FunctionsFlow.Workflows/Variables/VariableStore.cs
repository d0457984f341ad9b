using System.Text.Json;
using FunctionsFlow.Durable.Client;

namespace FunctionsFlow.Workflows.Variables;

/// <summary>A variable as a caller sees it.</summary>
public sealed record Variable(string Key, JsonElement Value, DateTimeOffset UpdatedAt);

/// <summary>Reads and writes scoped variables from outside an orchestration. A write returns once its scope's
/// entity has applied and stored it, so any read that starts afterwards, in any process, sees it.</summary>
/// <remarks>Access rules (who may use which scope) are the caller's business; this checks only the limits.</remarks>
public sealed class VariableStore(DurableClient client, VariableLimits? limits = null)
{
    private readonly VariableLimits _limits = limits ?? VariableLimits.Default;

    /// <summary>The limits writes are checked against.</summary>
    public VariableLimits Limits => _limits;

    /// <summary>Every variable of a scope, by key.</summary>
    public async Task<IReadOnlyList<Variable>> ListAsync(VariableScope scope, CancellationToken cancellationToken = default)
    {
        var set = await ReadAsync(scope, cancellationToken).ConfigureAwait(false);
        return set is null ? [] : [.. set.Items.Select(item => new Variable(item.Key, item.Value.Value, item.Value.UpdatedAt))];
    }

    /// <summary>One variable; null when the scope has no such key.</summary>
    public async Task<Variable?> GetAsync(VariableScope scope, string key, CancellationToken cancellationToken = default)
    {
        var set = await ReadAsync(scope, cancellationToken).ConfigureAwait(false);
        return set?.Items.TryGetValue(key, out var stored) == true ? new Variable(key, stored.Value, stored.UpdatedAt) : null;
    }

    /// <summary>Sets one variable and returns it as stored.</summary>
    /// <exception cref="VariableLimitException">The key, the value or the scope's size breaks a limit; nothing changed.</exception>
    public async Task<Variable> SetAsync(VariableScope scope, string key, JsonElement value, CancellationToken cancellationToken = default)
    {
        _limits.ValidateKey(key);
        _limits.ValidateValue(value);
        var result = await client.CallEntityAsync<VariableWriteResult>(scope.EntityId, nameof(VariablesEntity.Set), new VariableWrite(key, value), cancellationToken).ConfigureAwait(false);
        result!.ThrowIfRefused();
        return new Variable(key, value, result.UpdatedAt!.Value);
    }

    /// <summary>Sets several variables at once, all or nothing; with <paramref name="removeNulls"/> a null removes its key.</summary>
    /// <exception cref="VariableLimitException">A key, a value or the scope's size breaks a limit; nothing changed.</exception>
    public async Task SetManyAsync(VariableScope scope, IReadOnlyDictionary<string, JsonElement> values, bool removeNulls = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (key, value) in values)
        {
            _limits.ValidateKey(key);
            _limits.ValidateValue(value);
        }

        var result = await client.CallEntityAsync<VariableWriteResult>(scope.EntityId, nameof(VariablesEntity.SetMany), new VariableWriteMany(values, removeNulls), cancellationToken).ConfigureAwait(false);
        result!.ThrowIfRefused();
    }

    /// <summary>Removes one variable; true when it existed.</summary>
    public async Task<bool> DeleteAsync(VariableScope scope, string key, CancellationToken cancellationToken = default) =>
        await client.CallEntityAsync<bool>(scope.EntityId, nameof(VariablesEntity.Delete), key, cancellationToken).ConfigureAwait(false);

    /// <summary>Removes every variable of a scope.</summary>
    public Task ClearAsync(VariableScope scope, CancellationToken cancellationToken = default) =>
        client.CallEntityAsync(scope.EntityId, nameof(VariablesEntity.Clear), null, cancellationToken);

    private async Task<VariableSet?> ReadAsync(VariableScope scope, CancellationToken cancellationToken) =>
        (await client.GetEntityAsync<VariableSet>(scope.EntityId, cancellationToken).ConfigureAwait(false))?.State;
}
