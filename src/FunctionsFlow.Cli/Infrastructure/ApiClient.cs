using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace FunctionsFlow.Cli.Infrastructure;

/// <summary>One answer of the API: its status, its JSON body (if any) and its headers.</summary>
internal sealed record ApiResponse(HttpStatusCode Status, JsonElement? Body, HttpResponseHeaders Headers)
{
    public JsonElement Json => Body ?? throw new CliException($"The host answered {(int)Status} without a body.");
}

/// <summary>The host's HTTP API as the tool calls it: the caller's headers on every request, problem details turned into
/// a <see cref="CliException"/> with the matching exit code and every field error.</summary>
internal sealed class ApiClient : IDisposable
{
    public const string JsonType = "application/json";
    public const string YamlType = "application/yaml";

    private static readonly string Version = typeof(ApiClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    private readonly HttpClient _http;

    public ApiClient(Caller caller, HttpMessageHandler? handler = null)
    {
        Caller = caller;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = caller.BaseUrl;
        _http.Timeout = TimeSpan.FromSeconds(100);
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("functionsflow-cli", Version));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonType));
        if (caller.User is not null)
        {
            _http.DefaultRequestHeaders.Add("X-FunctionsFlow-User", caller.User);
        }

        if (caller.Roles is not null)
        {
            _http.DefaultRequestHeaders.Add("X-FunctionsFlow-Roles", caller.Roles);
        }

        if (caller.ApiKey is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", caller.ApiKey);
        }
    }

    public Caller Caller { get; }

    /// <summary>A path under <c>/api/</c> with each segment escaped and the query's null values left out.</summary>
    public static string Path(params string[] segments) => "api/" + string.Join('/', segments.Select(Uri.EscapeDataString));

    public static string WithQuery(string path, params (string Name, string? Value)[] query)
    {
        var present = query.Where(q => !string.IsNullOrEmpty(q.Value)).Select(q => $"{q.Name}={Uri.EscapeDataString(q.Value!)}").ToList();
        return present.Count == 0 ? path : path + "?" + string.Join('&', present);
    }

    public Task<ApiResponse> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, ct);

    public Task<ApiResponse> DeleteAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Delete, path, null, ct);

    public Task<ApiResponse> PostAsync(string path, string? json, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, path, json is null ? null : new StringContent(json, Encoding.UTF8, JsonType), ct);

    public Task<ApiResponse> PutAsync(string path, string json, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, path, new StringContent(json, Encoding.UTF8, JsonType), ct);

    /// <summary>Sends a request; any answer other than 2xx becomes a <see cref="CliException"/>.</summary>
    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException(ExitCodes.Unavailable, $"Cannot reach the host at {Caller.BaseUrl}: {ex.Message}", ["Is it running? ./scripts/run.sh starts one locally; --url or FUNCTIONSFLOW_URL points elsewhere."]);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Unavailable, $"The host at {Caller.BaseUrl} did not answer within {_http.Timeout.TotalSeconds:0} s.");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            JsonElement? body = null;
            if (text.Length > 0)
            {
                try
                {
                    using var document = JsonDocument.Parse(text);
                    body = document.RootElement.Clone();
                }
                catch (JsonException) when (!response.IsSuccessStatusCode)
                {
                    // A proxy's or the server's own non-JSON error page: reported by status below.
                }
                catch (JsonException)
                {
                    throw new CliException($"The host answered {(int)response.StatusCode} with a body that is not JSON.");
                }
            }

            if (!response.IsSuccessStatusCode)
            {
                throw Problem(response, body);
            }

            return new ApiResponse(response.StatusCode, body, response.Headers);
        }
    }

    public void Dispose() => _http.Dispose();

    private CliException Problem(HttpResponseMessage response, JsonElement? body)
    {
        var status = (int)response.StatusCode;
        var title = Text(body, "title") ?? response.ReasonPhrase ?? "Error";
        var detail = Text(body, "detail");
        var details = new List<string>();
        if (body is { ValueKind: JsonValueKind.Object } problem && problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in errors.EnumerateObject())
            {
                var messages = field.Value.ValueKind == JsonValueKind.Array ? field.Value.EnumerateArray().Select(m => m.ToString()) : [field.Value.ToString()];
                details.AddRange(messages.Select(message => $"{field.Name}: {message}"));
            }
        }

        if (response.Headers.RetryAfter is { } retryAfter)
        {
            var after = retryAfter.Delta is { } delta ? $"{delta.TotalSeconds:0} s" : retryAfter.Date?.ToString("u", System.Globalization.CultureInfo.InvariantCulture);
            details.Add($"Retry after {after}.");
        }

        if (status == 401)
        {
            details.Add(Caller.User is null && Caller.ApiKey is null
                ? "No caller was named: give --user (Development mode) or --api-key (ApiKey mode), or set FUNCTIONSFLOW_USER or FUNCTIONSFLOW_API_KEY."
                : "The host did not accept the caller: check --user or --api-key and the host's FunctionsFlow:Auth:Mode.");
        }

        var message = detail is null || detail == title ? $"{status} {title}" : $"{status} {title}: {detail}";
        return new CliException(ExitCodes.ForStatus(status), message, details);
    }

    private static string? Text(JsonElement? body, string name) =>
        body is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
