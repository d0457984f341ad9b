using System.Text.Json;
using FunctionsFlow.Host.Endpoints;

namespace FunctionsFlow.Host.CustomHandler;

/// <summary>What the Functions host posts to a custom handler for a non-HTTP function:
/// <c>{"Data": {binding: value}, "Metadata": {name: value, "sys": {...}}}</c>.</summary>
/// <remarks>The host writes most metadata values as JSON text inside a JSON string (<c>"Id": "\"abc\""</c>), while
/// its documentation shows plain values (<c>"Id": "abc"</c>); <see cref="GetMetadataString"/> reads both.</remarks>
internal sealed record InvocationRequest(JsonElement Data, JsonElement Metadata)
{
    /// <summary>Invocation payloads are small: a queue message is at most 64 KiB.</summary>
    public const long MaxBodyBytes = 256 * 1024;

    /// <summary>The payload of a request, or the problem to answer with (a non-2xx answer fails the invocation).</summary>
    public static async Task<(InvocationRequest? Request, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(request, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return (null, problem);
        }

        return (new InvocationRequest(Member(body!.Value, "Data"), Member(body.Value, "Metadata")), null);
    }

    /// <summary>A metadata value as a string, or null when it is missing or not a string or number.</summary>
    public string? GetMetadataString(string name)
    {
        var value = Member(Metadata, name);
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.GetRawText();
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
                {
                    try
                    {
                        return JsonSerializer.Deserialize<string>(text);
                    }
                    catch (JsonException)
                    {
                        return text;
                    }
                }

                return text;
            default:
                return null;
        }
    }

    private static JsonElement Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;
}
