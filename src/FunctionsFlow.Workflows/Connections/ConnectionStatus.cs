namespace FunctionsFlow.Workflows.Connections;

/// <summary>Whether a connection can be used.</summary>
public enum ConnectionStatus
{
    /// <summary>Usable.</summary>
    Active,

    /// <summary>Its token endpoint refused the refresh token (or the client): someone has to authorize it again and PUT
    /// the new tokens. Steps that use it fail at once.</summary>
    NeedsReauthorization,

    /// <summary>Its credential's expiry has passed and nothing can refresh it.</summary>
    Expired,
}
