using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace FunctionsFlow.Workflows.Connections;

/// <summary>What a refresh asks a token endpoint for (RFC 6749 section 6).</summary>
/// <remarks><see cref="ToString"/> leaves the secrets out.</remarks>
public sealed record OAuthRefreshRequest(Uri TokenEndpoint, string ClientId, string? ClientSecret, string RefreshToken, IReadOnlyList<string> Scopes)
{
    /// <inheritdoc />
    public override string ToString() => $"OAuthRefreshRequest {{ TokenEndpoint = {TokenEndpoint.GetLeftPart(UriPartial.Path)}, ClientId = {ClientId} }}";
}

/// <summary>What a token endpoint gave back.</summary>
/// <remarks><see cref="ToString"/> leaves the tokens out.</remarks>
public sealed record OAuthTokens(string AccessToken, string? RefreshToken, TimeSpan? ExpiresIn, IReadOnlyList<string>? Scopes)
{
    /// <inheritdoc />
    public override string ToString() => $"OAuthTokens {{ ExpiresIn = {ExpiresIn}, RefreshToken = {(RefreshToken is null ? "none" : "(hidden)")} }}";
}

/// <summary>A token endpoint refused or failed a refresh. <see cref="Permanent"/> when it refused the grant or the client
/// (only a new authorization helps); otherwise it may work later. The message holds the endpoint, the status and the
/// OAuth error, never a token or the client secret.</summary>
public sealed class OAuthTokenException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OAuthTokenException(string message, string? error, bool permanent)
        : base(message)
    {
        Error = error;
        Permanent = permanent;
    }

    /// <summary>Creates the exception.</summary>
    public OAuthTokenException()
        : this("The token endpoint failed.", null, permanent: false)
    {
    }

    /// <summary>Creates the exception.</summary>
    public OAuthTokenException(string message)
        : this(message, null, permanent: false)
    {
    }

    /// <summary>Creates the exception.</summary>
    public OAuthTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The OAuth error code (<c>invalid_grant</c>...), when the endpoint gave one.</summary>
    public string? Error { get; }

    /// <summary>True when the endpoint refused for good (a 4xx answer).</summary>
    public bool Permanent { get; }
}

/// <summary>Sends the refresh-token grant to a connection's token endpoint (client credentials in the body,
/// <c>client_secret_post</c>) and reads the answer.</summary>
public sealed class OAuthTokenClient(HttpClient http)
{
    private const int MaxDescriptionLength = 200;

    /// <summary>New tokens for <paramref name="request"/>.</summary>
    /// <exception cref="OAuthTokenException">The endpoint refused (<see cref="OAuthTokenException.Permanent"/>) or failed.</exception>
    public async Task<OAuthTokens> RefreshAsync(OAuthRefreshRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var where = request.TokenEndpoint.GetLeftPart(UriPartial.Path);
        var redactor = new SecretRedactor(new[] { request.RefreshToken, request.ClientSecret }.OfType<string>());
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "refresh_token"),
            new("refresh_token", request.RefreshToken),
            new("client_id", request.ClientId),
        };
        if (request.ClientSecret is { } secret)
        {
            form.Add(new("client_secret", secret));
        }

        if (request.Scopes.Count > 0)
        {
            form.Add(new("scope", string.Join(' ', request.Scopes)));
        }

        using var message = new HttpRequestMessage(HttpMethod.Post, request.TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new OAuthTokenException($"The token endpoint {where} could not be reached: {redactor.Redact(ex.Message)}", null, permanent: false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OAuthTokenException($"The token endpoint {where} did not answer in time.", null, permanent: false);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return Read(body, where);
            }

            var (error, description) = ReadError(body);
            var said = error is null ? string.Empty : $" {error}" + (description is null ? string.Empty : $" ({redactor.Redact(description)})");
            var permanent = status is >= 400 and < 500 and not 408 and not 429;
            throw new OAuthTokenException($"The token endpoint {where} answered {status}{said}.", error, permanent);
        }
    }

    private static OAuthTokens Read(string body, string where)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("access_token", out var access) || access.ValueKind != JsonValueKind.String || access.GetString() is not { Length: > 0 } accessToken)
            {
                throw new OAuthTokenException($"The token endpoint {where} answered without an access_token.", null, permanent: false);
            }

            if (root.TryGetProperty("token_type", out var type) && type.ValueKind == JsonValueKind.String && !string.Equals(type.GetString(), "Bearer", StringComparison.OrdinalIgnoreCase))
            {
                throw new OAuthTokenException($"The token endpoint {where} gave a token of type '{type.GetString()}'; only Bearer tokens are supported.", "unsupported_token_type", permanent: true);
            }

            var refresh = root.TryGetProperty("refresh_token", out var r) && r.ValueKind == JsonValueKind.String && r.GetString() is { Length: > 0 } rotated ? rotated : null;
            var scopes = root.TryGetProperty("scope", out var s) && s.ValueKind == JsonValueKind.String
                ? s.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                : null;
            return new OAuthTokens(accessToken, refresh, ExpiresIn(root), scopes);
        }
        catch (JsonException)
        {
            throw new OAuthTokenException($"The token endpoint {where} answered with something that is not JSON.", null, permanent: false);
        }
    }

    /// <summary><c>expires_in</c> in seconds, as a number or (as some servers write it) a string.</summary>
    private static TimeSpan? ExpiresIn(JsonElement root)
    {
        if (!root.TryGetProperty("expires_in", out var value))
        {
            return null;
        }

        long seconds = 0;
        var ok = (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out seconds)) ||
            (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out seconds));
        return ok && seconds > 0 && seconds < TimeSpan.FromDays(3650).TotalSeconds ? TimeSpan.FromSeconds(seconds) : null;
    }

    private static (string? Error, string? Description) ReadError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? Printable(e.GetString()!, 64) : null;
            var description = root.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String ? Printable(d.GetString()!, MaxDescriptionLength) : null;
            return (error, description);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string Printable(string text, int max)
    {
        var clean = new string([.. text.Where(c => !char.IsControl(c))]);
        return clean.Length <= max ? clean : clean[..max] + "...";
    }
}
