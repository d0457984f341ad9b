using System.Globalization;
using Azure;

namespace FunctionsFlow.Durable.AzureStorage;

/// <summary>The opaque ETag the store hands out: the status row's ETag and the sequence number of the next history
/// row, so that a commit can name its history row without reading the status row first.</summary>
/// <param name="NextSequence">The sequence number the next history row of the current execution gets.</param>
/// <param name="ETag">The status row's ETag.</param>
internal readonly record struct InstanceVersion(int NextSequence, ETag ETag)
{
    /// <summary>The text form, <c>{sequence}:{etag}</c>.</summary>
    public override string ToString() => NextSequence.ToString(CultureInfo.InvariantCulture) + ":" + ETag;

    /// <summary>Reads a version written by <see cref="ToString"/>; false for anything else (which can match no row).</summary>
    public static bool TryParse(string? text, out InstanceVersion version)
    {
        version = default;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon <= 0 || colon == text!.Length - 1 ||
            !int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return false;
        }

        version = new InstanceVersion(sequence, new ETag(text[(colon + 1)..]));
        return true;
    }
}
