namespace FunctionsFlow.Storage.Secrets;

/// <summary>One version of a secret as read back.</summary>
/// <remarks><see cref="ToString"/> leaves the value out, so a secret never reaches a log by accident.</remarks>
public sealed class StoredSecret
{
    /// <summary>The secret's name.</summary>
    public required string Name { get; init; }

    /// <summary>The version's id.</summary>
    public required string Version { get; init; }

    /// <summary>The value.</summary>
    public required string Value { get; init; }

    /// <summary>The content type it was written with.</summary>
    public string? ContentType { get; init; }

    /// <summary>Its expiry attribute, if any.</summary>
    public DateTimeOffset? ExpiresOn { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"StoredSecret {{ Name = {Name}, Version = {Version}, Value = (hidden) }}";
}
