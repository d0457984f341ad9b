namespace FunctionsFlow.Workflows.Connections;

/// <summary>Where the <c>http</c> step's activity gets a connection's credential at call time.</summary>
public interface IConnectionCredentials
{
    /// <summary>The credential of an owner's connection, refreshed first when it is (about to be) out of date.</summary>
    /// <exception cref="ConnectionUnusableException">It does not exist, needs to be authorized again, or expired.</exception>
    /// <exception cref="ConnectionUnavailableException">The secret store or the token endpoint failed just now.</exception>
    Task<ConnectionCredential> AcquireAsync(string owner, string name, CancellationToken cancellationToken = default);

    /// <summary>After the server refused <paramref name="rejected"/> (401): a newer credential if there is one (another
    /// process refreshed or someone put the connection again) or one can be had (an OAuth refresh); null otherwise.</summary>
    /// <exception cref="ConnectionUnusableException">The refresh was refused: the connection needs to be authorized again.</exception>
    /// <exception cref="ConnectionUnavailableException">The secret store or the token endpoint failed just now.</exception>
    Task<ConnectionCredential?> AcquireAfterRejectionAsync(string owner, string name, ConnectionCredential rejected, CancellationToken cancellationToken = default);
}
