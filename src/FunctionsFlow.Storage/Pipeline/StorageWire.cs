using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace FunctionsFlow.Storage.Pipeline;

/// <summary>The Blob and Queue wire formats shared by the clients: headers, dates, ETags, metadata and XML bodies.</summary>
internal static class StorageWire
{
    private const string MetadataPrefix = "x-ms-meta-";
    private const string XmlDeclaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";

    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = true,
    };

    /// <summary>Checks that a duration argument is a whole number of seconds within a range, and formats it for the wire.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The duration is out of range or has a fraction of a second.</exception>
    public static string WholeSeconds(
        TimeSpan value, TimeSpan min, TimeSpan max, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value < min || value > max || value.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(
                paramName, value, $"Expected a whole number of seconds from {min.TotalSeconds:0} to {max.TotalSeconds:0}.");
        }

        return ((long)value.TotalSeconds).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Formats an integer for a query parameter or header.</summary>
    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses an RFC 1123 date as the services write it in headers and XML.</summary>
    public static DateTimeOffset ParseDate(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>Parses an ETag whether the service quoted it (headers) or not (Azure's listings).</summary>
    public static ETag ParseETag(string value) => new(value.Trim('"'));

    /// <summary>Formats an ETag for <c>If-Match</c>/<c>If-None-Match</c>: quoted, or <c>*</c> for any.</summary>
    public static string FormatETag(ETag value) => value == ETag.All ? "*" : "\"" + value.ToString().Trim('"') + "\"";

    /// <summary>A header's value, or null.</summary>
    public static string? Header(this Response response, string name) =>
        response.Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>A header the service always sends; its absence is a protocol error.</summary>
    public static string RequiredHeader(this Response response, string name) =>
        response.Header(name) ?? throw new StorageException(response.Status, null, $"The storage response has no {name} header.");

    /// <summary>The response's ETag.</summary>
    public static ETag ETagHeader(this Response response) => ParseETag(response.RequiredHeader("ETag"));

    /// <summary>The response's <c>Last-Modified</c> date.</summary>
    public static DateTimeOffset LastModifiedHeader(this Response response) => ParseDate(response.RequiredHeader("Last-Modified"));

    /// <summary>Sets one <c>x-ms-meta-</c> header per metadata pair.</summary>
    public static void SetMetadata(this Request request, IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null)
        {
            return;
        }

        foreach (var (name, value) in metadata)
        {
            request.Headers.SetValue(MetadataPrefix + name, value);
        }
    }

    /// <summary>The metadata the response carries in <c>x-ms-meta-</c> headers (names compare case-insensitively).</summary>
    public static IReadOnlyDictionary<string, string> Metadata(this Response response)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            if (header.Name.StartsWith(MetadataPrefix, StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Name[MetadataPrefix.Length..]] = header.Value;
            }
        }

        return metadata;
    }

    /// <summary>Sets an XML request body, UTF-8 encoded, with its declaration.</summary>
    public static void SetXmlContent(this Request request, XElement root)
    {
        var text = XmlDeclaration + root.ToString(SaveOptions.DisableFormatting);
        request.Headers.SetValue("Content-Type", "application/xml; charset=utf-8");
        request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Parses a buffered XML response body (no DTDs, no external resolution).</summary>
    public static XElement XmlBody(this Response response)
    {
        var stream = response.ContentStream ?? throw new StorageException(response.Status, null, "The storage response has no body.");
        using var reader = XmlReader.Create(stream, XmlSettings);
        return XDocument.Load(reader).Root ?? throw new StorageException(response.Status, null, "The storage response body is empty XML.");
    }

    /// <summary>The text of a child element, or null when it is absent.</summary>
    public static string? Child(this XElement parent, string name) => parent.Element(name)?.Value;

    /// <summary>The text of a child element the service always writes.</summary>
    public static string RequiredChild(this XElement parent, string name) =>
        parent.Element(name)?.Value ?? throw new StorageException(0, null, $"The storage response's {parent.Name} has no {name}.");

    /// <summary>The items and continuation marker of an <c>EnumerationResults</c> listing.</summary>
    public static (IEnumerable<XElement> Items, string? NextMarker) Listing(this XElement results, string collection, string item)
    {
        var next = results.Child("NextMarker");
        return (results.Element(collection)?.Elements(item) ?? [], string.IsNullOrEmpty(next) ? null : next);
    }
}
