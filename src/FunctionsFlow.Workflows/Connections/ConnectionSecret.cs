using System.Text.Json;
using System.Text.Json.Serialization;

namespace FunctionsFlow.Workflows.Connections;

/// <summary>The secret fields of a connection: what is stored in the secret store (as JSON), never in a table, a
/// history, a log or an answer.</summary>
/// <remarks><see cref="ToString"/> names the fields present, never their values.</remarks>
public sealed record ConnectionSecret
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>An OAuth 2.0 access token.</summary>
    public string? AccessToken { get; init; }

    /// <summary>An OAuth 2.0 refresh token.</summary>
    public string? RefreshToken { get; init; }

    /// <summary>An API key.</summary>
    public string? ApiKey { get; init; }

    /// <summary>A basic-auth user name.</summary>
    public string? Username { get; init; }

    /// <summary>A basic-auth password.</summary>
    public string? Password { get; init; }

    /// <summary>A webhook's URL.</summary>
    public string? Url { get; init; }

    /// <summary>Every value present, for redaction.</summary>
    [JsonIgnore]
    public IEnumerable<string> Values => new[] { AccessToken, RefreshToken, ApiKey, Username, Password, Url }.OfType<string>();

    /// <summary>The JSON stored as the secret's value.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a stored value.</summary>
    /// <exception cref="JsonException">It is not the JSON of a connection secret.</exception>
    public static ConnectionSecret FromJson(string json) =>
        JsonSerializer.Deserialize<ConnectionSecret>(json, Json) ?? throw new JsonException("A connection secret is a JSON object.");

    /// <inheritdoc />
    public override string ToString()
    {
        var present = new[] { (nameof(AccessToken), AccessToken), (nameof(RefreshToken), RefreshToken), (nameof(ApiKey), ApiKey), (nameof(Username), Username), (nameof(Password), Password), (nameof(Url), Url) }
            .Where(f => f.Item2 is not null).Select(f => f.Item1);
        return $"ConnectionSecret {{ {string.Join(", ", present)} (hidden) }}";
    }
}
