namespace FunctionsFlow.Storage.Secrets;

/// <summary>Where connection secrets live: Azure Key Vault in Azure, or the local encrypted store in development.
/// A secret is versioned: every write adds a version, and a read names the version it wants.</summary>
/// <remarks>No member puts a secret's value in an exception message or a log.</remarks>
public interface ISecretStore
{
    /// <summary>Which store this is, for the start-up log (names the vault or the table; never a secret).</summary>
    string Description { get; }

    /// <summary>Writes a new version of <paramref name="name"/> (recovering the secret first when it was
    /// soft-deleted) and returns that version's id.</summary>
    /// <exception cref="SecretStoreException">The store refused or could not be reached.</exception>
    Task<string> SetAsync(string name, SecretWrite secret, CancellationToken cancellationToken = default);

    /// <summary>One version of a secret, or null when there is no such secret or version (or it was deleted).</summary>
    /// <exception cref="SecretStoreException">The store refused (an expired or disabled version among others) or
    /// could not be reached.</exception>
    Task<StoredSecret?> GetAsync(string name, string version, CancellationToken cancellationToken = default);

    /// <summary>Soft-deletes a secret with all its versions (recoverable for the store's retention); a secret that
    /// does not exist is not an error.</summary>
    /// <exception cref="SecretStoreException">The store refused or could not be reached.</exception>
    Task DeleteAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Disables every enabled version of <paramref name="name"/> but those in <paramref name="keep"/>, so
    /// superseded credentials can no longer be read.</summary>
    /// <returns>How many versions were disabled.</returns>
    /// <exception cref="SecretStoreException">The store refused or could not be reached.</exception>
    Task<int> DisableVersionsExceptAsync(string name, IReadOnlyCollection<string> keep, CancellationToken cancellationToken = default);
}
