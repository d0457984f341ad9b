using FunctionsFlow.Workflows.Expressions;

namespace FunctionsFlow.Workflows.Tests.Expressions;

public sealed class ExpressionParseErrorTests
{
    [Theory]
    [InlineData("length(input.items", 18, "Expected ')' at 18 in 'length(input.items'")]
    [InlineData("input.amount >", 14, "Unexpected end of expression at 14 in 'input.amount >'. Expected a value")]
    [InlineData("1 2", 2, "Unexpected '2' at 2 in '1 2'. Expected an operator or the end of the expression")]
    [InlineData("'abc", 0, "Unterminated string at 0 in ''abc'. Close it with '")]
    [InlineData("input..a", 6, "Expected a member name after '.' but found '.' at 6 in 'input..a'")]
    [InlineData("input.a = 1", 8, "Unexpected character '=' at 8 in 'input.a = 1'. Compare with '=='")]
    [InlineData("input.a & vars.b", 8, "Unexpected character '&' at 8 in 'input.a & vars.b'. Write 'and' or '&&'")]
    [InlineData("{a: 1, a: 2}", 7, "Duplicate member 'a' at 7 in '{a: 1, a: 2}'")]
    [InlineData("true ? 1", 8, "Expected ':' at 8 in 'true ? 1'")]
    [InlineData("[1, 2", 5, "Expected ',' or ']' at 5 in '[1, 2'")]
    [InlineData("'\\q'", 1, "Unknown escape at 1 in ''\\q''. Use \\\\, \\', \\\", \\/, \\n, \\r, \\t, \\b, \\f or \\uXXXX")]
    [InlineData("1e+", 0, "Malformed number: an exponent needs digits at 0 in '1e+'")]
    [InlineData("1e400", 0, "Number is out of range at 0 in '1e400'")]
    [InlineData("", 0, "Unexpected end of expression at 0 in ''. Expected a value")]
    [InlineData("input.a #", 8, "Unexpected character '#' at 8 in 'input.a #'")]
    public void Parse_InvalidSyntax_ThrowsWithPositionAndMessage(string source, int position, string message)
    {
        var error = Assert.Throws<ExpressionException>(() => Expression.Parse(source));

        Assert.Equal(message, error.Message);
        Assert.Equal(position, error.Position);
        Assert.Equal(source, error.Expression);
    }

    [Fact]
    public void Parse_UnknownRoot_NamesItAndListsTheAllowedRoots()
    {
        var error = Assert.Throws<ExpressionException>(() => Expression.Parse("input.a + variables.b"));

        Assert.Equal(
            "Unknown name 'variables' at 10 in 'input.a + variables.b'. An expression reads from input, vars, scopes, steps, execution or now",
            error.Message);
        Assert.Equal(10, error.Position);
    }

    [Fact]
    public void Parse_UnknownFunction_NamesItAndListsTheKnownOnes()
    {
        var error = Assert.Throws<ExpressionException>(() => Expression.Parse("upper(input.a) + shout(input.b)"));

        Assert.Equal(
            "Unknown function 'shout' at 17 in 'upper(input.a) + shout(input.b)'. Known functions: coalesce, contains, endsWith, " +
            "formatDateTime, keys, length, lower, not, number, parseJson, startsWith, string, toJson, trim, upper",
            error.Message);
    }

    [Fact]
    public void Parse_FunctionNameWithoutCall_SaysHowToCallIt()
    {
        var error = Assert.Throws<ExpressionException>(() => Expression.Parse("length"));

        Assert.Equal("Unknown name 'length' at 0 in 'length'. 'length' is a function: call it as length(value)", error.Message);
    }

    [Theory]
    [InlineData("length(input.a, 2)", "Function 'length' does not take 2 arguments at 0 in 'length(input.a, 2)'. Call it as length(value)")]
    [InlineData("contains('a')", "Function 'contains' does not take 1 argument at 0 in 'contains('a')'. Call it as contains(haystack, needle)")]
    [InlineData("coalesce()", "Function 'coalesce' does not take 0 arguments at 0 in 'coalesce()'. Call it as coalesce(value, fallback, ...)")]
    public void Parse_WrongArgumentCount_IsAParseError(string source, string message)
    {
        var error = Assert.Throws<ExpressionException>(() => Expression.Parse(source));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Parse_LongSource_QuotesOnlyTheTextAroundTheError()
    {
        var source = "input.a + " + string.Join(" + ", Enumerable.Repeat("1", 60)) + " +";

        var error = Assert.Throws<ExpressionException>(() => Expression.Parse(source));

        Assert.StartsWith($"Unexpected end of expression at {source.Length} in '...", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 200, error.Message);
    }
}
