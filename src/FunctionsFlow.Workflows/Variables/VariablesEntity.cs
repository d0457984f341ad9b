using System.Text.Json;
using FunctionsFlow.Durable.Entities;

namespace FunctionsFlow.Workflows.Variables;

/// <summary>One stored variable.</summary>
/// <param name="Value">Any JSON value.</param>
/// <param name="UpdatedAt">When it was last set.</param>
public sealed record StoredVariable(JsonElement Value, DateTimeOffset UpdatedAt);

/// <summary>The variables of one scope, as its entity stores them.</summary>
public sealed class VariableSet
{
    private readonly SortedDictionary<string, StoredVariable> _items = new(StringComparer.Ordinal);

    /// <summary>The variables by key (ordinal, case-sensitive), whatever comparer the given dictionary had.</summary>
    public SortedDictionary<string, StoredVariable> Items
    {
        get => _items;
        init => _items = new SortedDictionary<string, StoredVariable>(value, StringComparer.Ordinal);
    }

    /// <summary>The bytes of all values (compact UTF-8 JSON).</summary>
    public int TotalBytes { get; set; }
}

/// <summary>One variable to write.</summary>
public sealed record VariableWrite(string Key, JsonElement Value);

/// <summary>Several variables to write at once; with <see cref="RemoveNulls"/> a JSON null removes the key
/// (JSON merge patch).</summary>
public sealed record VariableWriteMany(IReadOnlyDictionary<string, JsonElement> Values, bool RemoveNulls = false);

/// <summary>The outcome of a write: applied (at <see cref="UpdatedAt"/>), or refused with the limit it broke (nothing
/// changed then).</summary>
public sealed record VariableWriteResult(bool Applied, VariableLimitKind? Refusal = null, string? Message = null, DateTimeOffset? UpdatedAt = null)
{
    /// <summary>Throws <see cref="VariableLimitException"/> when the write was refused.</summary>
    public void ThrowIfRefused()
    {
        if (!Applied)
        {
            throw new VariableLimitException(Refusal ?? VariableLimitKind.ScopeFull, Message ?? "The write was refused.");
        }
    }
}

/// <summary>The entity holding one scope's variables (<c>variables@{scope}</c>): <c>get</c>, <c>list</c>,
/// <c>set</c>, <c>setMany</c>, <c>delete</c>, <c>clear</c>. Writes check the limits and apply all or nothing.</summary>
public sealed class VariablesEntity(TimeProvider time, VariableLimits? limits = null) : TaskEntity<VariableSet?>
{
    private readonly VariableLimits _limits = limits ?? VariableLimits.Default;

    /// <summary>One variable, or null.</summary>
    public StoredVariable? Get(string key) => State?.Items.GetValueOrDefault(key);

    /// <summary>Every variable.</summary>
    public IReadOnlyDictionary<string, StoredVariable> List() => State?.Items ?? [];

    /// <summary>Sets one variable.</summary>
    public VariableWriteResult Set(VariableWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return Apply([new(write.Key, write.Value)], removeNulls: false);
    }

    /// <summary>Sets (and with <see cref="VariableWriteMany.RemoveNulls"/> removes) several variables at once.</summary>
    public VariableWriteResult SetMany(VariableWriteMany writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        return Apply([.. writes.Values], writes.RemoveNulls);
    }

    /// <summary>Removes one variable; true when it existed.</summary>
    public bool Delete(string key)
    {
        if (State is null || !State.Items.Remove(key, out var old))
        {
            return false;
        }

        State.TotalBytes -= VariableLimits.SizeOf(old.Value);
        if (State.Items.Count == 0)
        {
            State = null;
        }

        return true;
    }

    /// <summary>Removes every variable of the scope.</summary>
    public void Clear() => State = null;

    private VariableWriteResult Apply(IReadOnlyList<KeyValuePair<string, JsonElement>> writes, bool removeNulls)
    {
        var now = time.GetUtcNow();
        var items = new SortedDictionary<string, StoredVariable>(State?.Items ?? new SortedDictionary<string, StoredVariable>(StringComparer.Ordinal), StringComparer.Ordinal);
        var total = State?.TotalBytes ?? 0;
        try
        {
            foreach (var (key, value) in writes)
            {
                _limits.ValidateKey(key);
                if (items.Remove(key, out var old))
                {
                    total -= VariableLimits.SizeOf(old.Value);
                }

                if (removeNulls && value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                total += _limits.ValidateValue(value);
                items[key] = new StoredVariable(value.Clone(), now);
            }

            if (items.Count > _limits.MaxKeys)
            {
                throw new VariableLimitException(VariableLimitKind.ScopeFull, $"A scope holds at most {_limits.MaxKeys} variables; this write would make {items.Count}.");
            }

            if (total > _limits.MaxScopeBytes)
            {
                throw new VariableLimitException(VariableLimitKind.ScopeFull, $"A scope holds at most {_limits.MaxScopeBytes} bytes of values; this write would make {total}.");
            }
        }
        catch (VariableLimitException ex)
        {
            return new VariableWriteResult(false, ex.Kind, ex.Message);
        }

        State = items.Count == 0 ? null : new VariableSet { Items = items, TotalBytes = total };
        return new VariableWriteResult(true, UpdatedAt: now);
    }
}
