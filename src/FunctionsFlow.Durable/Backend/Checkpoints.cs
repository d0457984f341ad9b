namespace FunctionsFlow.Durable.Backend;

/// <summary>A checkpoint to store: the state an execution continues from, kept out of history.</summary>
/// <param name="Id">Unique within the instance; see <see cref="CheckpointIds"/>.</param>
/// <param name="State">The state's JSON.</param>
public sealed record CheckpointWrite(string Id, string State);

/// <summary>A stored checkpoint as a listing shows it.</summary>
/// <param name="Id">Its id.</param>
/// <param name="CreatedAt">When it was written.</param>
/// <param name="StoredBytes">Its stored size (after compression and encryption where the backend applies them).</param>
public sealed record CheckpointInfo(string Id, DateTimeOffset CreatedAt, long StoredBytes);

/// <summary>The ids checkpoints may have: 1 to 100 letters, digits, <c>-</c>, <c>_</c> and <c>.</c>, not starting with a dot.</summary>
public static class CheckpointIds
{
    /// <summary>The longest id.</summary>
    public const int MaxLength = 100;

    /// <summary>True when <paramref name="id"/> is a valid checkpoint id.</summary>
    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= MaxLength } && id[0] != '.' && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Throws unless <paramref name="id"/> is valid.</summary>
    /// <exception cref="ArgumentException">It is not.</exception>
    public static void Validate(string? id, string paramName)
    {
        if (!IsValid(id))
        {
            throw new ArgumentException(
                $"A checkpoint id has 1 to {MaxLength} letters, digits, '-', '_' and '.', and does not start with a dot; '{id}' does not.", paramName);
        }
    }
}
