using System.Security.Cryptography;
using System.Text;

namespace FunctionsFlow.Workflows.Repository;

/// <summary>A source text checked against the size limit, with its UTF-8 and its hash computed once.</summary>
internal sealed class SourceText
{
    private SourceText(string text, byte[] utf8)
    {
        Text = text;
        Utf8 = utf8;
        Hash = Convert.ToHexStringLower(SHA256.HashData(utf8));
    }

    /// <summary>The text.</summary>
    public string Text { get; }

    /// <summary>The text's UTF-8, as stored.</summary>
    public byte[] Utf8 { get; }

    /// <summary>The SHA-256 of <see cref="Utf8"/>, in lowercase hex.</summary>
    public string Hash { get; }

    /// <summary>Checks and encodes a source text.</summary>
    /// <exception cref="WorkflowSourceTooLargeException">The text is over <see cref="WorkflowRepository.MaxSourceBytes"/>.</exception>
    public static SourceText Create(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        var size = Encoding.UTF8.GetByteCount(text);
        if (size > WorkflowRepository.MaxSourceBytes)
        {
            throw new WorkflowSourceTooLargeException(size, WorkflowRepository.MaxSourceBytes);
        }

        return new SourceText(text, Encoding.UTF8.GetBytes(text));
    }
}
