namespace FunctionsFlow.Storage.Secrets;

/// <summary>A secret value to store, with the attributes stored beside it.</summary>
/// <remarks><see cref="ToString"/> leaves the value out, so a secret never reaches a log by accident.</remarks>
public sealed class SecretWrite
{
    /// <summary>The value (at most <see cref="SecretNames.MaxValueBytes"/> bytes of UTF-8).</summary>
    public required string Value { get; init; }

    /// <summary>What the value is, such as <c>application/json</c>.</summary>
    public required string ContentType { get; init; }

    /// <summary>When the value stops being of use; stored as the secret's expiry attribute.</summary>
    public required DateTimeOffset ExpiresOn { get; init; }

    /// <summary>Tags stored with the version (names and values are not secret).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <inheritdoc />
    public override string ToString() => $"SecretWrite {{ ContentType = {ContentType}, ExpiresOn = {ExpiresOn:O}, Value = (hidden) }}";
}
