namespace FunctionsFlow.Storage.Secrets;

/// <summary>Why a secret store call failed.</summary>
public enum SecretStoreError
{
    /// <summary>The store could not be reached or failed (network, 5xx, credential): trying later may help.</summary>
    Unavailable,

    /// <summary>The store kept answering 429 after every backoff: trying later may help.</summary>
    Throttled,

    /// <summary>The app may not do this (401/403): a role assignment or a credential is missing.</summary>
    Forbidden,

    /// <summary>The version's expiry has passed and the store refuses to return it.</summary>
    Expired,

    /// <summary>The version is disabled (superseded) and the store refuses to return it.</summary>
    Disabled,

    /// <summary>The store refused the write because of the secret's state (409), and recovering it did not help.</summary>
    Conflict,
}
