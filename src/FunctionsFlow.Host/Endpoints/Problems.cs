using FunctionsFlow.Workflows.Schema;

namespace FunctionsFlow.Host.Endpoints;

/// <summary>The problem-details answers the routes give (RFC 7807).</summary>
internal static class Problems
{
    public static IResult NotFound(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static IResult Conflict(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static IResult Forbidden(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static IResult TooLarge(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");

    /// <summary>503 with a <c>Retry-After</c> header.</summary>
    public static IResult Unavailable(string detail, TimeSpan retryAfter) => new RetryAfterResult(
        TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable"), retryAfter);

    public static IResult Gone(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status410Gone, title: "Gone");

    public static IResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");

    public static IResult TooLarge(long limit) =>
        TypedResults.Problem($"The body is larger than {limit} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");

    /// <summary>400 with an <c>errors</c> map from JSON path (or parameter) to messages.</summary>
    public static IResult Invalid(string field, string message) => Invalid([new SchemaError(field, message)], message);

    /// <summary>400 with an <c>errors</c> map naming every bad field.</summary>
    public static IResult Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Values.SelectMany(m => m)), title: "The request is not valid");

    /// <summary>400 with every error by JSON path.</summary>
    public static IResult Invalid(IEnumerable<SchemaError> errors, string detail, string title = "The request is not valid") =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal),
            detail: detail,
            title: title);

    /// <summary>400 with the schema errors by JSON path.</summary>
    public static IResult SchemaInvalid(IEnumerable<SchemaError> errors, string detail) => Invalid(errors, detail, "The input is not valid");

    private sealed class RetryAfterResult(IResult inner, TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
