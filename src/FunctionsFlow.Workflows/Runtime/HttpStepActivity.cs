using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using FunctionsFlow.Durable;
using FunctionsFlow.Workflows.Connections;

namespace FunctionsFlow.Workflows.Runtime;

/// <summary>The activity that sends an <c>http</c> step's request. A network error, a timeout or a body over the
/// limit throws <see cref="HttpStepException"/> (the interpreter retries per the step's policy); any status comes
/// back as a result, and the interpreter decides what counts as success.</summary>
/// <remarks>A step that names a connection gets its credential here, at call time, so it never enters the history: the
/// request's headers (or, for a webhook, its URL) are added just before sending, and every secret is masked in what comes
/// back. A 401 is tried once more with a newer credential when one can be had (another process refreshed the connection,
/// or an OAuth refresh succeeds).</remarks>
public sealed class HttpStepActivity(WorkflowHttpClient client, IConnectionCredentials? connections = null) : TaskActivity<HttpCall, HttpCallResult>
{
    /// <summary>The activity's registered name.</summary>
    public const string Name = "functionsflow.http";

    /// <inheritdoc />
    public override async Task<HttpCallResult> RunAsync(TaskActivityContext context, HttpCall input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Connection is not { } name)
        {
            return await client.SendAsync(input, cancellationToken).ConfigureAwait(false);
        }

        if (connections is null || input.Owner is not { } owner)
        {
            throw new ConnectionUnusableException($"The step names connection '{name}', but this host has no connections set up.");
        }

        var credential = await connections.AcquireAsync(owner, name, cancellationToken).ConfigureAwait(false);
        var result = await client.SendAsync(input, credential, cancellationToken).ConfigureAwait(false);
        if (result.Status != (int)HttpStatusCode.Unauthorized)
        {
            return result;
        }

        var newer = await connections.AcquireAfterRejectionAsync(owner, name, credential, cancellationToken).ConfigureAwait(false);
        return newer is null ? result : await client.SendAsync(input, newer, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>An <c>http</c> step's attempt failed before a response came back.</summary>
public sealed class HttpStepException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HttpStepException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public HttpStepException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public HttpStepException()
    {
    }
}

/// <summary>The HTTP client behind <c>http</c> steps: one pooled handler, a connect-time check of the address
/// (see <see cref="WorkflowHttpOptions.AllowLinkLocal"/>), a per-attempt timeout and a response size cap.</summary>
public sealed class WorkflowHttpClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly WorkflowHttpOptions _options;

    /// <summary>Creates the client.</summary>
    public WorkflowHttpClient(WorkflowHttpOptions? options = null)
    {
        _options = options ?? new WorkflowHttpOptions();
        _http = new HttpClient(CreateHandler(_options)) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>A handler that connects only to addresses <paramref name="options"/> allow (checked on the address
    /// actually connected to) and never follows redirects: for every request whose URL a user wrote.</summary>
    public static SocketsHttpHandler CreateHandler(WorkflowHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
            ConnectCallback = (context, cancellationToken) => ConnectAsync(options, context, cancellationToken),
        };
    }

    /// <summary>Sends one attempt of a step that names no connection.</summary>
    /// <exception cref="HttpStepException">No response: refused address, network error, timeout, or a body over the limit.</exception>
    public Task<HttpCallResult> SendAsync(HttpCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Connection is { } connection)
        {
            // Never send a request meant to carry credentials without them.
            throw new ConnectionUnusableException($"The step names connection '{connection}', whose credential was not given.");
        }

        return SendAsync(call, null, cancellationToken);
    }

    /// <summary>Sends one attempt with <paramref name="credential"/>'s headers (or to its URL, for a webhook); every
    /// secret of it is masked in the result and in any error.</summary>
    /// <exception cref="HttpStepException">No response: refused address, network error, timeout, or a body over the limit.</exception>
    /// <exception cref="ConnectionUnusableException">The connection does not suit the step (a webhook with a URL, or a URL missing).</exception>
    public async Task<HttpCallResult> SendAsync(HttpCall call, ConnectionCredential? credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var redactor = credential?.Redactor ?? SecretRedactor.None;
        var uri = Target(call, credential);
        var shown = credential?.Url is null ? uri.GetLeftPart(UriPartial.Path) : $"(the URL of connection '{credential.Name}')";

        using var request = new HttpRequestMessage(new HttpMethod(call.Method), uri);
        if (call.Body is { } body)
        {
            request.Content = new StringContent(body.GetRawText(), Encoding.UTF8, "application/json");
        }

        var credentialHeaders = credential?.Headers ?? [];
        foreach (var (name, value) in call.Headers.Where(h => !credentialHeaders.Any(c => string.Equals(c.Key, h.Key, StringComparison.OrdinalIgnoreCase))).Concat(credentialHeaders))
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(call.Timeout > TimeSpan.Zero ? call.Timeout : _options.DefaultTimeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var bytes = await ReadCappedAsync(response.Content, timeout.Token).ConfigureAwait(false);
            return new HttpCallResult((int)response.StatusCode, redactor.Redact(Headers(response)), redactor.Redact(ParseBody(bytes, response.Content.Headers.ContentType)));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpStepException($"{call.Method} {shown} timed out after {call.Timeout}.");
        }
        catch (HttpRequestException ex) when (credential is null)
        {
            throw new HttpStepException($"{call.Method} {shown} failed: {ex.Message}", ex);
        }
        catch (HttpRequestException ex)
        {
            // With a credential, the cause stays out: its message is masked, and nothing else of it is kept.
            throw new HttpStepException($"{call.Method} {shown} failed: {redactor.Redact(ex.Message)}");
        }
    }

    /// <summary>Where the request goes: the step's URL, or a webhook connection's.</summary>
    private static Uri Target(HttpCall call, ConnectionCredential? credential)
    {
        if (credential?.Url is { } webhook)
        {
            return call.Url.Length == 0
                ? webhook
                : throw new ConnectionUnusableException($"Connection '{credential.Name}' is a webhook: its URL is where the request goes, so the step gives no url.");
        }

        if (call.Url.Length == 0 && credential is not null)
        {
            throw new ConnectionUnusableException($"The step gives no url, and connection '{credential.Name}' is not a webhook that would give one.");
        }

        return Uri.TryCreate(call.Url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new HttpStepException($"'{call.Url}' is not an absolute http or https URL.");
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<byte[]> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > _options.MaxResponseBytes)
        {
            throw new HttpStepException($"The response body is larger than {_options.MaxResponseBytes} bytes.");
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > _options.MaxResponseBytes)
                {
                    throw new HttpStepException($"The response body is larger than {_options.MaxResponseBytes} bytes.");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private static JsonElement? ParseBody(byte[] bytes, MediaTypeHeaderValue? contentType)
    {
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(bytes);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            var encoding = contentType?.CharSet is { } charset ? TryEncoding(charset) : null;
            return JsonSerializer.SerializeToElement((encoding ?? Encoding.UTF8).GetString(bytes));
        }
    }

    private static Encoding? TryEncoding(string charset)
    {
        try
        {
            return Encoding.GetEncoding(charset.Trim('"'));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> Headers(HttpResponseMessage response) =>
        response.Headers.Concat(response.Content.Headers)
            .GroupBy(h => h.Key.ToLowerInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.SelectMany(h => h.Value)), StringComparer.Ordinal);

    private static async ValueTask<Stream> ConnectAsync(WorkflowHttpOptions options, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(options.IsAllowed).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"'{context.DnsEndPoint.Host}' resolves only to addresses http steps may not reach.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
