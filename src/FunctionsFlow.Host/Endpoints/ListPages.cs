namespace FunctionsFlow.Host.Endpoints;

/// <summary>How the list routes answer a page: <c>top</c> from 1 to 1,000 (100 by default), the body with its
/// <c>continuationToken</c>, and that token again in the <c>x-ms-continuation-token</c> header.</summary>
internal static class ListPages
{
    public const int DefaultTop = 100;
    public const int MaxTop = 1000;

    /// <summary>Reads one page with <paramref name="read"/> (given the page size), or answers 400 for a <c>top</c> out of
    /// range or a continuation token the listing did not give out (its reader throws <see cref="ArgumentException"/>).</summary>
    public static async Task<IResult> AnswerAsync(HttpContext http, int? top, string? continuationToken, Func<int, Task<(object Body, string? ContinuationToken)>> read)
    {
        if (top is < 1 or > MaxTop)
        {
            return Problems.Invalid("top", $"top is between 1 and {MaxTop}.");
        }

        try
        {
            var (body, next) = await read(top ?? DefaultTop).ConfigureAwait(false);
            if (next is not null)
            {
                http.Response.Headers["x-ms-continuation-token"] = next;
            }

            return TypedResults.Ok(body);
        }
        catch (ArgumentException) when (continuationToken is not null)
        {
            return Problems.Invalid("continuationToken", "The continuation token is not one this listing gave out.");
        }
    }
}
