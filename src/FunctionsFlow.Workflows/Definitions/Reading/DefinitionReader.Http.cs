using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FunctionsFlow.Workflows.Definitions.Steps;
using FunctionsFlow.Workflows.Expressions.Values;

namespace FunctionsFlow.Workflows.Definitions.Reading;

/// <summary>Reading an <c>http</c> step.</summary>
internal sealed partial class DefinitionReader
{
    private static readonly FrozenSet<string> HttpMembers = FrozenSet.Create(
        StringComparer.Ordinal, "method", "url", "headers", "query", "body", "connection", "timeout", "expectStatus");

    private static readonly ImmutableArray<string> Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    private HttpStep? ReadHttp(string id, Node spec)
    {
        if (!ExpectObject(spec, "http"))
        {
            return null;
        }

        CheckMembers(spec, HttpMembers, "http");
        var errors = _errors.Count;
        var method = spec.Member("method", _map) is { } methodNode ? ReadMethod(methodNode) : HttpMethod.Get;
        var connection = spec.Member("connection", _map) is { } connectionNode ? ReadId(connectionNode) : null;

        // A step that names a connection may leave the URL to it (a webhook connection's URL is a secret).
        var url = spec.Member("url", _map) is not null || connection is null ? ReadTemplate(Required(spec, "url")) : null;
        if (url is { IsConstant: true } && !IsHttpUrl(url.Text))
        {
            Error(spec.Member("url", _map)!, $"'{Shorten(url.Text)}' is not an absolute http or https URL");
        }

        var headers = spec.Member("headers", _map) is { } headerNode ? ReadStringMap(headerNode, "headers", IsToken) : [];
        var query = spec.Member("query", _map) is { } queryNode ? ReadStringMap(queryNode, "query", name => name.Length > 0) : [];
        var body = spec.Member("body", _map) is { Value: not null } bodyNode ? ReadValue(bodyNode) : null;
        var timeout = ReadOptionalDuration(spec, "timeout");
        var expect = spec.Member("expectStatus", _map) is { } expectNode ? ReadStatusRanges(expectNode) : [];
        return _errors.Count > errors || method is null || (url is null && connection is null)
            ? null
            : new HttpStep
            {
                Id = id,
                Method = method,
                Url = url,
                Headers = headers,
                Query = query,
                Body = body,
                Connection = connection,
                RequestTimeout = timeout,
                ExpectStatus = expect,
            };
    }

    private HttpMethod? ReadMethod(Node node)
    {
        if (JsonValues.TryGetString(node.Value, out var text) && Methods.FirstOrDefault(
            method => string.Equals(method, text, StringComparison.OrdinalIgnoreCase)) is { } known)
        {
            return HttpMethod.Parse(known);
        }

        Error(node, $"'{Shorten(JsonValues.Render(node.Value))}' is not an HTTP method: use one of {string.Join(", ", Methods)}");
        return null;
    }

    // One status or a list of them: 404, "2xx" or "200-299".
    private ImmutableArray<StatusRange> ReadStatusRanges(Node node)
    {
        var items = node.Value is JsonArray ? node.Items(_map).ToList() : [node];
        if (items.Count == 0)
        {
            Error(node, "must name at least one status");
        }

        var ranges = ImmutableArray.CreateBuilder<StatusRange>();
        foreach (var item in items)
        {
            if (ParseStatusRange(item.Value) is { } range)
            {
                ranges.Add(range);
            }
            else
            {
                Error(item, $"'{Shorten(JsonValues.Render(item.Value))}' is not a status: write a code from 100 to 599, a class such as 2xx, or a range such as 200-299");
            }
        }

        return ranges.ToImmutable();
    }

    private static StatusRange? ParseStatusRange(JsonNode? value)
    {
        if (value is JsonValue number && number.TryGetValue<long>(out var code))
        {
            return code is >= 100 and <= 599 ? new StatusRange((int)code, (int)code) : null;
        }

        if (!JsonValues.TryGetString(value, out var text))
        {
            return null;
        }

        if (StatusClassPattern().Match(text) is { Success: true } statusClass)
        {
            var hundreds = (statusClass.Groups[1].ValueSpan[0] - '0') * 100;
            return new StatusRange(hundreds, hundreds + 99);
        }

        if (StatusRangePattern().Match(text) is { Success: true } range)
        {
            var (min, max) = (int.Parse(range.Groups[1].ValueSpan, CultureInfo.InvariantCulture), int.Parse(range.Groups[2].ValueSpan, CultureInfo.InvariantCulture));
            return min is >= 100 and <= 599 && max is >= 100 and <= 599 && min <= max ? new StatusRange(min, max) : null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var single) && single is >= 100 and <= 599
            ? new StatusRange(single, single)
            : null;
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    // A header name is an RFC 9110 token.
    private static bool IsToken(string name) => HeaderNamePattern().IsMatch(name);

    [GeneratedRegex("^([1-5])xx$", RegexOptions.CultureInvariant)]
    private static partial Regex StatusClassPattern();

    [GeneratedRegex("^([0-9]{3})-([0-9]{3})$", RegexOptions.CultureInvariant)]
    private static partial Regex StatusRangePattern();

    [GeneratedRegex("^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderNamePattern();
}
