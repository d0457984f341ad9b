namespace FunctionsFlow.Workflows.Tests.Expressions;

public sealed class ExpressionTypeErrorTests
{
    [Theory]
    [InlineData("input.amount + true", "Operator '+' cannot be applied to a number and a boolean at 13 in 'input.amount + true'. " +
        "It adds numbers, joins text to a string, and joins two arrays")]
    [InlineData("[1] + 1", "Operator '+' cannot be applied to an array and a number at 4 in '[1] + 1'. " +
        "It adds numbers, joins text to a string, and joins two arrays")]
    [InlineData("'a' * 2", "Operator '*' cannot be applied to a string and a number at 4 in ''a' * 2'. It needs two numbers")]
    [InlineData("input.missing - 1", "Operator '-' cannot be applied to null and a number at 14 in 'input.missing - 1'. It needs two numbers")]
    [InlineData("input.customer % 2", "Operator '%' cannot be applied to an object and a number at 15 in 'input.customer % 2'. It needs two numbers")]
    [InlineData("-'x'", "Operator '-' needs a number but was given a string at 0 in '-'x''")]
    [InlineData("1 < 'a'", "Operator '<' cannot compare a number and a string at 2 in '1 < 'a''. Both sides must be numbers or both strings")]
    [InlineData("input.flag >= false", "Operator '>=' cannot compare a boolean and a boolean at 11 in 'input.flag >= false'. " +
        "Both sides must be numbers or both strings")]
    [InlineData("1 / 0", "Division by zero in '/' at 2 in '1 / 0'")]
    [InlineData("5 % input.zero", "Division by zero in '%' at 2 in '5 % input.zero'")]
    [InlineData("1e300 * 1e300", "Operator '*' gives a number too large to represent at 6 in '1e300 * 1e300'")]
    [InlineData("input.items[0.5]", "An array index must be a whole number but was 0.5 at 11 in 'input.items[0.5]'")]
    public void Evaluate_OperatorOnWrongTypes_NamesOperatorAndTypes(string expression, string message)
    {
        Assert.Equal(message, Sample.Failure(expression).Message);
    }

    [Theory]
    [InlineData("length(5)", "length(): argument 1 must be a string, an array or an object but was a number at 0 in 'length(5)'")]
    [InlineData("upper(input.items)", "upper(): argument 1 must be a string but was an array at 0 in 'upper(input.items)'")]
    [InlineData("contains('abc', 1)", "contains(): argument 2 must be a string but was a number at 0 in 'contains('abc', 1)'")]
    [InlineData("keys([1])", "keys(): argument 1 must be an object but was an array at 0 in 'keys([1])'")]
    [InlineData("number('abc')", "number(): cannot convert 'abc' to a number at 0 in 'number('abc')'")]
    [InlineData("number([])", "number(): argument 1 must be a string but was an array at 0 in 'number([])'")]
    [InlineData("parseJson('{\"a\": tru}')", "parseJson(): the text is not valid JSON (line 1, byte 10) at 0 in 'parseJson('{\"a\": tru}')'")]
    [InlineData("formatDateTime('yesterday', 'yyyy')",
        "formatDateTime(): 'yesterday' is not an ISO 8601 date and time such as '2024-05-31T14:30:00Z' at 0 in 'formatDateTime('yesterday', 'yyyy')'")]
    [InlineData("formatDateTime('2024-02-30', 'yyyy')",
        "formatDateTime(): '2024-02-30' is not an ISO 8601 date and time such as '2024-05-31T14:30:00Z' at 0 in 'formatDateTime('2024-02-30', 'yyyy')'")]
    [InlineData("formatDateTime(now, '%')", "formatDateTime(): '%' is not a valid date format such as 'yyyy-MM-dd HH:mm' at 0 in 'formatDateTime(now, '%')'")]
    public void Evaluate_FunctionOnWrongInput_NamesFunctionAndProblem(string expression, string message)
    {
        Assert.Equal(message, Sample.Failure(expression).Message);
    }
}
