using System.Security.Cryptography;
using System.Text;

namespace FunctionsFlow.Workflows.Connections;

/// <summary>Connection names (what definitions and routes use) and the secret names derived from them.</summary>
public static class ConnectionNames
{
    /// <summary>The longest connection name.</summary>
    public const int MaxLength = 64;

    /// <summary>The rule, as said to a caller who broke it (the rule of ids in workflow definitions).</summary>
    public const string Rule = "A connection name starts with a letter, then up to 63 letters, digits, '_' or '-'.";

    /// <summary>True when <paramref name="name"/> follows <see cref="Rule"/>.</summary>
    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength } && char.IsAsciiLetter(name[0]) &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>The name of the secret that holds one part of an owner's connection in a task hub: <c>ffc-</c>, the
    /// SHA-256 of task hub, owner and name (hex), and the part. Deterministic, and distinct for any two connections;
    /// it reveals neither the owner nor the name (secret names may be copied out of the vault's region).</summary>
    public static string SecretName(string taskHub, string owner, string name, ConnectionSecretPart part)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskHub);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentException.ThrowIfNullOrEmpty(name);

        // Lengths first, so ("ab", "c") and ("a", "bc") hash apart whatever characters the parts hold.
        var key = string.Join('\n', taskHub.Length, owner.Length, name.Length, taskHub, owner, name);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return $"ffc-{hash}-{(part == ConnectionSecretPart.Credential ? "credential" : "client-secret")}";
    }
}

/// <summary>The secrets a connection keeps.</summary>
public enum ConnectionSecretPart
{
    /// <summary>The credential itself: tokens, key, password or URL (a new version at every refresh).</summary>
    Credential,

    /// <summary>An OAuth client's secret, kept apart because it does not change when tokens are refreshed.</summary>
    ClientSecret,
}
