using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace FunctionsFlow.Storage.Pipeline;

/// <summary>Signs each request with the account key (Shared Key), per retry so the date is fresh.</summary>
/// <remarks>Blob and Queue use the full Shared Key string-to-sign; Table uses its shorter variant. The
/// service is recognised by the request's endpoint.</remarks>
internal sealed class SharedKeyPolicy : HttpPipelineSynchronousPolicy
{
    private readonly StorageAccount _account;
    private readonly byte[] _key;
    private readonly TimeProvider _timeProvider;
    private readonly string _tableAuthority;
    private readonly string _tablePathPrefix;

    public SharedKeyPolicy(StorageAccount account, TimeProvider timeProvider)
    {
        _account = account;
        _key = account.Key ?? throw new ArgumentException("The account has no key.", nameof(account));
        _timeProvider = timeProvider;
        _tableAuthority = account.TableEndpoint.Authority;
        _tablePathPrefix = account.TableEndpoint.AbsolutePath.TrimEnd('/');
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var date = _timeProvider.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
        request.Headers.SetValue("x-ms-date", date);

        var uri = request.Uri.ToUri();
        var isTable = string.Equals(uri.Authority, _tableAuthority, StringComparison.OrdinalIgnoreCase) &&
            uri.AbsolutePath.StartsWith(_tablePathPrefix, StringComparison.Ordinal);
        var stringToSign = isTable ? TableStringToSign(request, uri, date) : BlobQueueStringToSign(request, uri);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));
        request.Headers.SetValue("Authorization", "SharedKey " + _account.Name + ":" + signature);
    }

    private string TableStringToSign(Request request, Uri uri, string date)
    {
        var sb = new StringBuilder();
        sb.Append(request.Method.Method).Append('\n');
        sb.Append(Header(request, "Content-MD5")).Append('\n');
        sb.Append(Header(request, "Content-Type")).Append('\n');
        sb.Append(date).Append('\n');
        sb.Append('/').Append(_account.Name).Append(uri.AbsolutePath);
        var comp = QueryParameters(uri).FirstOrDefault(p => p.Key == "comp");
        if (comp.Key is not null)
        {
            sb.Append("?comp=").Append(string.Join(',', comp.Value));
        }

        return sb.ToString();
    }

    private string BlobQueueStringToSign(Request request, Uri uri)
    {
        var contentLength = string.Empty;
        if (request.Content is not null && request.Content.TryComputeLength(out var length) && length > 0)
        {
            contentLength = length.ToString(CultureInfo.InvariantCulture);
        }

        var sb = new StringBuilder();
        sb.Append(request.Method.Method).Append('\n');
        sb.Append(Header(request, "Content-Encoding")).Append('\n');
        sb.Append(Header(request, "Content-Language")).Append('\n');
        sb.Append(contentLength).Append('\n');
        sb.Append(Header(request, "Content-MD5")).Append('\n');
        sb.Append(Header(request, "Content-Type")).Append('\n');
        sb.Append('\n'); // Date: x-ms-date is used instead.
        sb.Append(Header(request, "If-Modified-Since")).Append('\n');
        sb.Append(Header(request, "If-Match")).Append('\n');
        sb.Append(Header(request, "If-None-Match")).Append('\n');
        sb.Append(Header(request, "If-Unmodified-Since")).Append('\n');
        sb.Append(Header(request, "Range")).Append('\n');

        foreach (var header in request.Headers
            .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Name.ToLowerInvariant(), Value: h.Value.Trim()))
            .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            sb.Append(header.Name).Append(':').Append(header.Value).Append('\n');
        }

        sb.Append('/').Append(_account.Name).Append(uri.AbsolutePath);
        foreach (var parameter in QueryParameters(uri).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sb.Append('\n').Append(parameter.Key).Append(':')
                .Append(string.Join(',', parameter.Value.Order(StringComparer.Ordinal)));
        }

        return sb.ToString();
    }

    private static string Header(Request request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value : string.Empty;

    private static Dictionary<string, List<string>> QueryParameters(Uri uri)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var query = uri.Query;
        if (query.Length <= 1)
        {
            return result;
        }

        foreach (var pair in query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]).ToLowerInvariant();
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
            if (!result.TryGetValue(name, out var values))
            {
                result[name] = values = [];
            }

            values.Add(value);
        }

        return result;
    }
}
