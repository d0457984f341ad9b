using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using FunctionsFlow.Durable;

namespace FunctionsFlow.Workflows.Runtime;

/// <summary>The activity that sends an <c>http</c> step's request. A network error, a timeout or a body over the
/// limit throws <see cref="HttpStepException"/> (the interpreter retries per the step's policy); any status comes
/// back as a result, and the interpreter decides what counts as success.</summary>
public sealed class HttpStepActivity(WorkflowHttpClient client) : TaskActivity<HttpCall, HttpCallResult>
{
    /// <summary>The activity's registered name.</summary>
    public const string Name = "functionsflow.http";

    /// <inheritdoc />
    public override Task<HttpCallResult> RunAsync(TaskActivityContext context, HttpCall input, CancellationToken cancellationToken) =>
        client.SendAsync(input, cancellationToken);
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
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
            ConnectCallback = ConnectAsync,
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Sends one attempt.</summary>
    /// <exception cref="HttpStepException">No response: refused address, network error, timeout, or a body over the limit.</exception>
    public async Task<HttpCallResult> SendAsync(HttpCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!Uri.TryCreate(call.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new HttpStepException($"'{call.Url}' is not an absolute http or https URL.");
        }

        if (call.Connection is { } connection)
        {
            // Never send a request meant to carry credentials without them.
            throw new HttpStepException($"The connection '{connection}' cannot be used: connections (credentials kept in Key Vault) are not available in this version yet.");
        }

        using var request = new HttpRequestMessage(new HttpMethod(call.Method), uri);
        if (call.Body is { } body)
        {
            request.Content = new StringContent(body.GetRawText(), Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in call.Headers)
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
            return new HttpCallResult((int)response.StatusCode, Headers(response), ParseBody(bytes, response.Content.Headers.ContentType));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpStepException($"{call.Method} {uri.GetLeftPart(UriPartial.Path)} timed out after {call.Timeout}.");
        }
        catch (HttpRequestException ex)
        {
            throw new HttpStepException($"{call.Method} {uri.GetLeftPart(UriPartial.Path)} failed: {ex.Message}", ex);
        }
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

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(_options.IsAllowed).ToArray();
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
