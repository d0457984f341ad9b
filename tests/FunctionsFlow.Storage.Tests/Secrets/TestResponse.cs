using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace FunctionsFlow.Storage.Tests.Secrets;

/// <summary>A vault's answer, for the exceptions and values the mocked <c>SecretClient</c> gives back.</summary>
internal sealed class TestResponse(int status, string? content = null, params (string Name, string Value)[] headers) : Response
{
    public override int Status => status;

    public override string ReasonPhrase => status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override Stream? ContentStream { get; set; } = content is null ? null : new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content));

    public override string ClientRequestId { get; set; } = Guid.NewGuid().ToString();

    /// <summary>A vault error: <c>{"error": {"code", "message", "innererror": {"code"}}}</c>.</summary>
    public static RequestFailedException Error(int status, string code, string? innerCode = null, params (string Name, string Value)[] headers) =>
        new(new TestResponse(
            status,
            System.Text.Json.JsonSerializer.Serialize(innerCode is null
                ? (object)new { error = new { code, message = "the vault says " + code } }
                : new { error = new { code, message = "the vault says " + innerCode, innererror = new { code = innerCode } } }),
            [("Content-Type", "application/json"), .. headers]));

    public override void Dispose()
    {
    }

    protected override bool ContainsHeader(string name) => headers.Any(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => headers.Select(h => new HttpHeader(h.Name, h.Value));

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        value = headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
        return value is not null;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        return values.Any();
    }
}
