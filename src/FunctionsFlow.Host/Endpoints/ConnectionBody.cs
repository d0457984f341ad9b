using FunctionsFlow.Workflows.Connections;

namespace FunctionsFlow.Host.Endpoints;

/// <summary>Reads the body of <c>PUT /api/connections/{name}</c> into a <see cref="ConnectionDefinition"/>, recording every
/// bad field by its JSON path. The fields a type takes are its secret fields (<see cref="ConnectionRules.SecretFields"/>),
/// its metadata fields, <c>type</c>, <c>expiresAt</c> and <c>scopes</c>; any other is an error, so a secret meant for
/// another type is never silently dropped.</summary>
internal static class ConnectionBody
{
    private static readonly string[] CommonFields = ["type", "expiresAt", "scopes"];
    private static readonly string[] RefreshFields = ["clientSecret", "tokenEndpoint", "clientId"];

    /// <summary>The definition, or null when <paramref name="fields"/> recorded a problem.</summary>
    public static ConnectionDefinition? Read(JsonFields fields, DateTimeOffset now)
    {
        ConnectionType type = default;
        fields.String("type", required: true, check: text => ConnectionTypes.TryParse(text, out type) ? null : $"type is one of {string.Join(", ", ConnectionTypes.All)}.");
        if (!fields.IsValid)
        {
            return null;
        }

        var (required, optional) = ConnectionRules.SecretFields[type];
        var metadata = ConnectionRules.MetadataFields[type];
        fields.AllowOnly([.. CommonFields, .. required, .. optional, .. metadata]);

        var values = required.Concat(optional).ToDictionary(
            field => field,
            field => fields.String(field, required.Contains(field), value => field == "url" ? ConnectionRules.CheckWebhookUrl(value) : ConnectionRules.CheckSecret(field, value)),
            StringComparer.Ordinal);
        var secret = new ConnectionSecret
        {
            AccessToken = values.GetValueOrDefault("accessToken"),
            RefreshToken = values.GetValueOrDefault("refreshToken"),
            ApiKey = values.GetValueOrDefault("apiKey"),
            Username = values.GetValueOrDefault("username"),
            Password = values.GetValueOrDefault("password"),
            Url = values.GetValueOrDefault("url"),
        };
        var refreshes = type == ConnectionType.OAuth2 && fields.Has("refreshToken");
        var definition = new ConnectionDefinition
        {
            Type = type,
            Secret = secret,
            ClientSecret = values.GetValueOrDefault("clientSecret"),
            ExpiresAt = fields.Time("expiresAt", at => at > now || refreshes ? null : "expiresAt has passed" + (type == ConnectionType.OAuth2 ? ", and without a refreshToken the token cannot be refreshed." : ".")),
            Scopes = fields.Strings("scopes", ConnectionRules.MaxScopes, ConnectionRules.CheckScope) ?? [],
            TokenEndpoint = fields.String("tokenEndpoint", required: refreshes, check: ConnectionRules.CheckTokenEndpoint) is { } endpoint ? new Uri(endpoint) : null,
            ClientId = fields.String("clientId", required: refreshes, check: ConnectionRules.CheckClientId),
            Header = fields.String("header", check: ConnectionRules.CheckHeader),
        };

        if (type == ConnectionType.OAuth2)
        {
            CheckOAuth(fields);
        }

        return fields.IsValid ? definition : null;
    }

    private static void CheckOAuth(JsonFields fields)
    {
        if (!fields.Has("accessToken") && !fields.Has("refreshToken"))
        {
            fields.AddError("accessToken", "An oauth2 connection needs an accessToken, a refreshToken or both.");
        }

        if (!fields.Has("refreshToken"))
        {
            foreach (var onlyForRefresh in RefreshFields.Where(fields.Has))
            {
                fields.AddError(onlyForRefresh, $"{onlyForRefresh} is only used to refresh tokens: give it with a refreshToken.");
            }
        }
    }
}
