using FunctionsFlow.Storage.Codec;

namespace FunctionsFlow.Durable.AzureStorage;

/// <summary>Which task hub an <see cref="AzureStorageBackend"/> uses, and when payloads move out of rows and messages into blobs.</summary>
public sealed class AzureStorageBackendOptions
{
    /// <summary>The most characters a table property may hold inline (the service's limit is 32K UTF-16 characters).</summary>
    public const int MaxInlinePayloadLimit = 32_000;

    /// <summary>The most UTF-8 bytes a queue message may carry inline (48 KiB, which base64 makes the queue's 64 KiB).</summary>
    public const int MaxInlineMessageLimit = 48 * 1024;

    /// <summary>The task hub: 3 to 45 letters and digits, starting with a letter. It prefixes every table, queue and
    /// container, so task hubs on one account never see each other. Names are compared without case.</summary>
    public string TaskHubName { get; set; } = string.Empty;

    /// <summary>Text properties of instance rows (input, output, custom status, failure, tags, outbox, history)
    /// longer than this many characters are stored in a blob, the row keeping the blob's name.</summary>
    public int MaxInlinePayloadChars { get; set; } = 30_000;

    /// <summary>Work items whose JSON is longer than this many UTF-8 bytes travel in a blob, the queue message
    /// carrying a reference.</summary>
    public int MaxInlineMessageChars { get; set; } = 45_000;

    /// <summary>Encodes what the task hub stores of instance state: checkpoints always (compressed when that pays, and
    /// encrypted when the codec encrypts) and, when it encrypts, every input, output, custom status, failure, outbox,
    /// history row and queue message too. Null: a codec that compresses and checksums checkpoints and encrypts nothing.</summary>
    public StateCodec? Codec { get; set; }

    /// <summary>Throws unless the options can be used.</summary>
    /// <exception cref="ArgumentException">The task hub name or a limit is out of range.</exception>
    public void Validate()
    {
        var name = TaskHubName;
        if (name is null || name.Length is < 3 or > 45 || !char.IsAsciiLetter(name[0]) || !name.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException(
                $"A task hub name has 3 to 45 letters and digits and starts with a letter; '{name}' does not.", nameof(TaskHubName));
        }

        if (MaxInlinePayloadChars is < 1 or > MaxInlinePayloadLimit)
        {
            throw new ArgumentException(
                $"{nameof(MaxInlinePayloadChars)} must be 1 to {MaxInlinePayloadLimit} (a table property holds 32K characters).",
                nameof(MaxInlinePayloadChars));
        }

        if (MaxInlineMessageChars is < 1 or > MaxInlineMessageLimit)
        {
            throw new ArgumentException(
                $"{nameof(MaxInlineMessageChars)} must be 1 to {MaxInlineMessageLimit} (a queue message holds 48 KiB of text).",
                nameof(MaxInlineMessageChars));
        }
    }
}
