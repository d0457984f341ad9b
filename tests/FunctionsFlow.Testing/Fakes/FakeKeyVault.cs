using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FunctionsFlow.Testing.Fakes;

/// <summary>A fake of the Key Vault secrets REST API on a Kestrel server over HTTPS (a certificate made here), for the
/// real <see cref="SecretClient"/> to talk to: challenge authentication, set (a new version each time), get by version,
/// update attributes, list versions in pages with <c>nextLink</c>, soft delete, deleted secrets and recovery, 404s and
/// 409s with the vault's error bodies, and 429s on demand. It records every request.</summary>
public sealed partial class FakeKeyVault : IAsyncDisposable
{
    /// <summary>The only access token the fake accepts.</summary>
    public const string AccessToken = "fake-vault-access-token";

    /// <summary>The resource the challenge names (tokens are asked for its <c>/.default</c> scope).</summary>
    public const string Resource = "https://vault.azure.net";

    /// <summary>The tenant the challenge names.</summary>
    public const string TenantId = "7b1f5b9e-0000-4000-8000-00000000f00d";

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, StoredSecret> _secrets = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _failures = new();
    private readonly List<HttpClient> _clients = [];

    private FakeKeyVault(WebApplication app, X509Certificate2 certificate, TimeProvider time)
    {
        _app = app;
        _certificate = certificate;
        Time = time;
    }

    /// <summary>The vault's URI (<c>https://127.0.0.1:{port}/</c>).</summary>
    public Uri VaultUri { get; private set; } = null!;

    /// <summary>The credential clients of <see cref="CreateClient"/> use.</summary>
    public FakeTokenCredential Credential { get; } = new(AccessToken);

    /// <summary>Every request, in order (including the unauthenticated first one of the challenge).</summary>
    public ConcurrentQueue<VaultRequest> Requests { get; } = new();

    /// <summary>How many versions a page of a listing holds when the client names no <c>maxresults</c>.</summary>
    public int PageSize { get; set; } = 25;

    /// <summary>The clock of created, updated and deleted dates.</summary>
    public TimeProvider Time { get; }

    /// <summary>Starts the fake on a free loopback port.</summary>
    public static async Task<FakeKeyVault> StartAsync(TimeProvider? time = null)
    {
        var certificate = TestCertificates.CreateLoopback();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var vault = new FakeKeyVault(app, certificate, time ?? TimeProvider.System);
        vault.Map(app);
        await app.StartAsync().ConfigureAwait(false);
        vault.VaultUri = new Uri(app.Urls.Single() + "/");
        return vault;
    }

    /// <summary>A real <see cref="SecretClient"/> for this vault: HTTPS to a server that presents exactly the fake's
    /// certificate, the fake credential, and quick SDK retries. The challenge names the public cloud's resource, as a real
    /// vault's does, which a vault on 127.0.0.1 cannot be under: resource verification is off.</summary>
    public SecretClient CreateClient(Action<SecretClientOptions>? configure = null)
    {
        var http = new HttpClient(TestCertificates.TrustOnly(_certificate));
        lock (_lock)
        {
            _clients.Add(http);
        }

        var options = new SecretClientOptions { Transport = new HttpClientTransport(http), DisableChallengeResourceVerification = true };
        options.Retry.Delay = TimeSpan.FromMilliseconds(5);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
        options.Retry.MaxRetries = 2;
        configure?.Invoke(options);
        return new SecretClient(VaultUri, Credential, options);
    }

    /// <summary>The next <paramref name="count"/> authenticated requests answer <paramref name="status"/> (429 with
    /// <c>Retry-After</c> when given).</summary>
    public void FailNext(int count, int status = 429, string? retryAfter = "0")
    {
        for (var i = 0; i < count; i++)
        {
            _failures.Enqueue((status, retryAfter));
        }
    }

    /// <summary>The versions of a secret, oldest first, as the fake holds them (for assertions).</summary>
    public IReadOnlyList<SecretVersionState> VersionsOf(string name)
    {
        lock (_lock)
        {
            return _secrets.TryGetValue(name, out var secret) ? [.. secret.Versions.Select(v => v.State(secret.Deleted))] : [];
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        lock (_lock)
        {
            _clients.ForEach(c => c.Dispose());
        }

        _certificate.Dispose();
    }

    /// <summary>Challenge authentication, as the vault does it: a request without the token answers 401 with the
    /// authority and the resource to get one for; then the injected failures, if any.</summary>
    private async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        context.Items["body"] = body;
        var authorized = context.Request.Headers.Authorization.ToString() == "Bearer " + AccessToken;
        Requests.Enqueue(new VaultRequest(context.Request.Method, context.Request.Path.Value ?? "/", context.Request.Query["api-version"].ToString(),
            context.Request.QueryString.Value ?? string.Empty, authorized, body));
        if (!authorized)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = $"Bearer authorization=\"https://login.microsoftonline.com/{TenantId}\", resource=\"{Resource}\"";
            await context.Response.WriteAsJsonAsync(Error("Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.")).ConfigureAwait(false);
            return;
        }

        if (_failures.TryDequeue(out var failure))
        {
            context.Response.StatusCode = failure.Status;
            if (failure.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = failure.RetryAfter;
            }

            await context.Response.WriteAsJsonAsync(failure.Status == 429
                ? Error("Throttled", "Request was not processed because too many requests were received.")
                : Error("InternalServerError", "The fake failed on purpose.")).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static object Error(string code, string message, string? innerCode = null) =>
        innerCode is null ? new { error = new { code, message } } : new { error = new { code, message, innererror = new { code = innerCode } } };
}

/// <summary>One request the fake vault received.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path.</param>
/// <param name="ApiVersion">The <c>api-version</c> query parameter.</param>
/// <param name="Query">The whole query string.</param>
/// <param name="Authorized">True when it carried the fake's token.</param>
/// <param name="Body">The body as text.</param>
public sealed record VaultRequest(string Method, string Path, string ApiVersion, string Query, bool Authorized, string Body);

/// <summary>One version of a secret as the fake holds it.</summary>
public sealed record SecretVersionState(string Version, string Value, string? ContentType, IReadOnlyDictionary<string, string> Tags, bool Enabled, DateTimeOffset? ExpiresOn, bool Deleted);
