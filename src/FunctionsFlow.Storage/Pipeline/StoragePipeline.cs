using System.Text.Json;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace FunctionsFlow.Storage.Pipeline;

/// <summary>The one <see cref="HttpPipeline"/> every client of an account sends through, and the translation
/// of service errors into <see cref="StorageException"/>.</summary>
internal sealed class StoragePipeline
{
    private const string StorageScope = "https://storage.azure.com/.default";

    public StoragePipeline(StorageAccount account, StorageClientOptions options)
    {
        Account = account;
        TimeProvider = options.TimeProvider;
        HttpPipelinePolicy auth = account.UsesSharedKey
            ? new SharedKeyPolicy(account, options.TimeProvider)
            : new BearerTokenAuthenticationPolicy(account.Credential!, StorageScope);
        Pipeline = HttpPipelineBuilder.Build(
            options,
            perCallPolicies: [StorageHeadersPolicy.Instance, StorageTelemetryPolicy.Instance],
            perRetryPolicies: [auth],
            new ResponseClassifier());
    }

    public StorageAccount Account { get; }

    public TimeProvider TimeProvider { get; }

    public HttpPipeline Pipeline { get; }

    public HttpMessage CreateMessage(RequestMethod method, Uri uri)
    {
        var message = Pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        return message;
    }

    /// <summary>Sends a message; any status outside <paramref name="expected"/> becomes a <see cref="StorageException"/>.</summary>
    public async ValueTask<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken, params int[] expected)
    {
        await Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (Array.IndexOf(expected, response.Status) < 0)
        {
            throw await CreateExceptionAsync(response, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    /// <summary>Reads a service error answer into a <see cref="StorageException"/>.</summary>
    public static async ValueTask<StorageException> CreateExceptionAsync(Response response, CancellationToken cancellationToken)
    {
        string? code = response.Headers.TryGetValue("x-ms-error-code", out var headerCode) ? headerCode : null;
        string? message = null;
        try
        {
            BinaryData? body = null;
            if (response.ContentStream is { } stream)
            {
                body = await BinaryData.FromStreamAsync(stream, cancellationToken).ConfigureAwait(false);
            }

            if (body is not null && !body.IsEmpty)
            {
                (var bodyCode, message) = ParseErrorBody(body, response.Headers.ContentType);
                code ??= bodyCode;
            }
        }
        catch (Exception ex) when (ex is JsonException or System.Xml.XmlException or IOException)
        {
            // The status and header code are still meaningful; an unreadable body adds nothing.
        }

        var text = $"Storage request failed with {response.Status} ({code ?? response.ReasonPhrase})" +
            (string.IsNullOrWhiteSpace(message) ? "." : ": " + FirstLine(message));
        return new StorageException(response.Status, code, text);
    }

    internal static (string? Code, string? Message) ParseErrorBody(BinaryData body, string? contentType)
    {
        if (contentType is not null && contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.TryGetProperty("odata.error", out var error))
            {
                var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                string? message = null;
                if (error.TryGetProperty("message", out var m))
                {
                    message = m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString();
                }

                return (code, message);
            }

            return (null, null);
        }

        var xml = XDocument.Parse(body.ToString());
        return (xml.Root?.Element("Code")?.Value, xml.Root?.Element("Message")?.Value);
    }

    private static string FirstLine(string text)
    {
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? text : text[..newline];
    }
}
