using FunctionsFlow.Workflows.Schedules;

namespace FunctionsFlow.Workflows.Tests.Schedules;

public sealed class CronExpressionParseTests
{
    /// <summary>Invalid expression, the field the error must name, and a fragment of the offending text.</summary>
    public static TheoryData<string, string, string> InvalidFields { get; } = new()
    {
        { "60 * * * * *", "second", "'60'" },
        { "*/0 * * * * *", "second", "'*/0'" },
        { "5-1 * * * * *", "second", "'5-1'" },
        { "x * * * * *", "second", "'X'" },
        { "1,,2 * * * * *", "second", "'1,,2'" },
        { "? * * * * *", "second", "'?'" },
        { "0 60 * * * *", "minute", "'60'" },
        { "0 */61 * * * *", "minute", "'*/61'" },
        { "0 10-70 * * * *", "minute", "'10-70'" },
        { "0 1- * * * *", "minute", "'1-'" },
        { "0 -5 * * * *", "minute", "'-5'" },
        { "0 0 24 * * *", "hour", "'24'" },
        { "0 0 22-2 * * *", "hour", "'22-2'" },
        { "0 0 1/ * * *", "hour", "'1/'" },
        { "0 0 0 0 * *", "day", "'0'" },
        { "0 0 0 32 * *", "day", "'32'" },
        { "0 0 0 1, * *", "day", "'1,'" },
        { "0 0 0 MON * *", "day", "'MON'" },
        { "0 0 0 * 13 *", "month", "'13'" },
        { "0 0 0 * 0 *", "month", "'0'" },
        { "0 0 0 * DEC-JAN *", "month", "'DEC-JAN'" },
        { "0 0 0 * JANUARY *", "month", "'JANUARY'" },
        { "0 0 0 * * 8", "day-of-week", "'8'" },
        { "0 0 0 * * FRI-MON", "day-of-week", "'FRI-MON'" },
        { "0 0 0 * * */0", "day-of-week", "'*/0'" },
        { "0 0 0 * * MON,", "day-of-week", "'MON,'" },
        { "0 0 0 * * L", "day-of-week", "'L'" },
        { "*/5 * * * 1-5/0", "day-of-week", "'1-5/0'" },
        { "61 * * * *", "minute", "'61'" },
        { "0 0 0 * * MON-", "day-of-week", "'MON-'" },
        { "0 0 0 1-31/0 * *", "day", "'1-31/0'" },
        { "0 0 0 L * *", "day", "'L'" },
        { "0 0 0 * * 5L", "day-of-week", "'5L'" },
        { "0 0 0 * * MON#2", "day-of-week", "'MON#2'" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public void Parse_InvalidField_ThrowsNamingTheField(string expression, string field, string offending)
    {
        var error = Assert.Throws<CronFormatException>(() => CronExpression.Parse(expression));

        Assert.Equal(field, error.Field);
        Assert.Contains($"the {field} field", error.Message, StringComparison.Ordinal);
        Assert.Contains(offending, error.Message, StringComparison.Ordinal);
        Assert.Contains(expression, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("* * * *")]
    [InlineData("0 0 0 * * * 2026")]
    public void Parse_WrongFieldCount_ThrowsNamingNoField(string expression)
    {
        var error = Assert.Throws<CronFormatException>(() => CronExpression.Parse(expression));

        Assert.Null(error.Field);
        Assert.Contains("expected 6 fields", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OutOfRangeValue_MessageSaysWhatIsAllowed()
    {
        var error = Assert.Throws<CronFormatException>(() => CronExpression.Parse("0 0 25 * * *"));

        Assert.Equal(
            "Invalid cron expression '0 0 25 * * *': the hour field value '25' is out of range; allowed values are 0-23.",
            error.Message);
    }

    [Fact]
    public void TryParse_Invalid_ReturnsFalseWithTheParseMessage()
    {
        var parsed = CronExpression.TryParse("0 0 0 * * FUNDAY", out var result, out var error);

        Assert.False(parsed);
        Assert.Null(result);
        Assert.Equal(
            "Invalid cron expression '0 0 0 * * FUNDAY': the day-of-week field value 'FUNDAY' is not a number or a name; "
            + "allowed values are 0-7 (0 and 7 are Sunday), SUN-SAT or ?.",
            error);
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        Assert.False(CronExpression.TryParse(null, out var result, out var error));
        Assert.Null(result);
        Assert.NotNull(error);
    }

    [Fact]
    public void TryParse_Valid_ReturnsTheExpression()
    {
        var parsed = CronExpression.TryParse("0 */5 * * * *", out var result, out var error);

        Assert.True(parsed);
        Assert.Null(error);
        Assert.Equal("0 */5 * * * *", result!.ToString());
    }

    [Theory]
    [InlineData("0 30 9 * * mon-fri", "0 30 9 * * MON-FRI")]
    [InlineData("  0\t30  9 *   * * ", "0 30 9 * * *")]
    [InlineData("30 9 * * 1-5", "0 30 9 * * 1-5")]
    [InlineData("0 0 0 ? jan,Jul ?", "0 0 0 * JAN,JUL *")]
    public void ToString_AnyForm_ReturnsNormalizedSixFields(string expression, string expected)
    {
        Assert.Equal(expected, CronExpression.Parse(expression).ToString());
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => CronExpression.Parse(null!));
    }
}
