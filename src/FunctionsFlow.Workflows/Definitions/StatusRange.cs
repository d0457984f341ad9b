using System.Globalization;

namespace FunctionsFlow.Workflows.Definitions;

/// <summary>A range of HTTP status codes an <c>http</c> step counts as success, both ends included.</summary>
/// <param name="Min">The lowest status in the range.</param>
/// <param name="Max">The highest status in the range.</param>
public sealed record StatusRange(int Min, int Max)
{
    /// <summary>The range used when a step names none: 200 to 299.</summary>
    public static StatusRange Success { get; } = new(200, 299);

    /// <summary>True when <paramref name="status"/> lies in the range.</summary>
    public bool Contains(int status) => status >= Min && status <= Max;

    /// <summary>The range as written in a definition: <c>404</c>, <c>2xx</c> or <c>200-299</c>.</summary>
    public override string ToString() => Min == Max
        ? Min.ToString(CultureInfo.InvariantCulture)
        : Min % 100 == 0 && Max == Min + 99
            ? string.Create(CultureInfo.InvariantCulture, $"{Min / 100}xx")
            : string.Create(CultureInfo.InvariantCulture, $"{Min}-{Max}");
}
