using System.Security.Cryptography;
using System.Text;

namespace FunctionsFlow.Durable.AzureStorage;

/// <summary>The SHA-256 of a text's UTF-8, in lowercase hex: a short stand-in for a long text.</summary>
internal static class ContentHash
{
    /// <summary>The hash of <paramref name="text"/>.</summary>
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
