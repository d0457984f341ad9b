using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Identity;
using Microsoft.Extensions.Logging;

namespace FunctionsFlow.Storage.Secrets;

public sealed partial class KeyVaultSecretStore
{
    /// <summary>Runs one vault call: backs off and tries again while the vault answers 429, and turns every other
    /// failure into a <see cref="SecretStoreException"/> that names the operation and the secret, never a value.</summary>
    private async Task<T> CallAsync<T>(string operation, string name, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 429 && attempt < _options.MaxThrottleRetries)
            {
                var delay = ThrottleDelay(ex, attempt);
                Log.Throttled(_logger, operation, name, delay, attempt + 1);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex)
            {
                throw Translate(ex, operation, name);
            }
            catch (AuthenticationFailedException)
            {
                // The credential's own message may name the identity and the tenant, not the secret: still, keep it out.
                throw new SecretStoreException(SecretStoreError.Forbidden, $"The app could not get a token for Key Vault to {operation} secret '{name}': check its managed identity (or DefaultAzureCredential's sources locally).");
            }
        }
    }

    /// <summary>The vault's <c>Retry-After</c> when it gave one, else an exponential backoff with jitter; never more
    /// than <see cref="KeyVaultSecretStoreOptions.MaxThrottleDelay"/>.</summary>
    private TimeSpan ThrottleDelay(RequestFailedException ex, int attempt)
    {
        if (ex.GetRawResponse()?.Headers.TryGetValue("Retry-After", out var retryAfter) == true && retryAfter is not null)
        {
            if (int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return Min(TimeSpan.FromSeconds(seconds), _options.MaxThrottleDelay);
            }

            if (DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return Min(at > _time.GetUtcNow() ? at - _time.GetUtcNow() : TimeSpan.Zero, _options.MaxThrottleDelay);
            }
        }

        var exponential = _options.ThrottleDelay * Math.Pow(2, attempt);
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        return Min(exponential * jitter, _options.MaxThrottleDelay);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static SecretStoreException Translate(RequestFailedException ex, string operation, string name)
    {
        var (code, innerCode) = ErrorCodes(ex);
        var said = innerCode ?? code ?? ex.ErrorCode;
        var message = $"Key Vault answered {ex.Status}{(said is null ? string.Empty : " " + said)} when asked to {operation} secret '{name}'.";
        var error = ex.Status switch
        {
            429 => SecretStoreError.Throttled,
            401 or 403 when Is(said, "SecretExpired") || ex.Message.Contains("expired", StringComparison.OrdinalIgnoreCase) => SecretStoreError.Expired,
            401 or 403 when Is(said, "SecretDisabled") || ex.Message.Contains("disabled", StringComparison.OrdinalIgnoreCase) => SecretStoreError.Disabled,
            401 or 403 => SecretStoreError.Forbidden,
            409 => SecretStoreError.Conflict,
            _ => SecretStoreError.Unavailable,
        };
        if (error == SecretStoreError.Forbidden)
        {
            message += " Does the app's identity have the Key Vault Secrets Officer role on the vault?";
        }

        return new SecretStoreException(error, message, ex.Status == 0 ? null : ex.Status);
    }

    private static bool Is(string? code, string expected) => string.Equals(code, expected, StringComparison.OrdinalIgnoreCase);

    /// <summary>The vault's <c>error.code</c> and <c>error.innererror.code</c>, when the answer carries them.</summary>
    private static (string? Code, string? InnerCode) ErrorCodes(RequestFailedException ex)
    {
        var content = ex.GetRawResponse()?.Content;
        if (content is null)
        {
            return (ex.ErrorCode, null);
        }

        try
        {
            using var json = JsonDocument.Parse(content.ToMemory());
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            {
                return (ex.ErrorCode, null);
            }

            var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : ex.ErrorCode;
            var inner = error.TryGetProperty("innererror", out var i) && i.ValueKind == JsonValueKind.Object &&
                i.TryGetProperty("code", out var ic) && ic.ValueKind == JsonValueKind.String ? ic.GetString() : null;
            return (code, inner);
        }
        catch (JsonException)
        {
            return (ex.ErrorCode, null);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2000, Level = LogLevel.Warning,
            Message = "Key Vault throttled the call to {Operation} secret {Name}; trying again in {Delay} (retry {Retry})")]
        public static partial void Throttled(ILogger logger, string operation, string name, TimeSpan delay, int retry);

        [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
            Message = "Secret {Name} was soft-deleted; it was recovered so a new version could be written")]
        public static partial void Recovered(ILogger logger, string name);
    }
}
