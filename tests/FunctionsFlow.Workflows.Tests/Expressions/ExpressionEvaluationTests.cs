using FunctionsFlow.Workflows.Expressions;

namespace FunctionsFlow.Workflows.Tests.Expressions;

public sealed class ExpressionEvaluationTests
{
    [Theory]
    // The definition examples.
    [InlineData("input.amount > 100", "true")]
    [InlineData("vars.needsApproval", "true")]
    [InlineData("vars.approved", "true")]
    [InlineData("vars.webhookUrl", "\"https://hooks.example.com/x\"")]
    // Roots, members and indexing.
    [InlineData("input.amount", "250")]
    [InlineData("input.missing", "null")]
    [InlineData("input.missing.deeper", "null")]
    [InlineData("input.customer.name", "\"Ada Lovelace\"")]
    [InlineData("input.items[0].name", "\"pen\"")]
    [InlineData("input.items[-1].name", "\"lamp\"")]
    [InlineData("input.items[-4]", "null")]
    [InlineData("input.items[5]", "null")]
    [InlineData("input.items[1.0].name", "\"book\"")]
    [InlineData("input['a b']", "7")]
    [InlineData("input[\"currency\"]", "\"EUR\"")]
    [InlineData("input.items[vars.count - 1].price", "30")]
    [InlineData("input.items[0]['price'] * input.items[0].qty", "6")]
    [InlineData("input.amount.value", "null")]
    [InlineData("input.currency[0]", "null")]
    [InlineData("input.items.name", "null")]
    [InlineData("steps.classify.output.label", "\"large\"")]
    [InlineData("steps.cool-off.output", "null")]
    [InlineData("steps['cool-off'].output ?? 'none'", "\"none\"")]
    [InlineData("vars.count-1", "2")]
    [InlineData("vars.count -1", "2")]
    [InlineData("scopes.user.locale", "\"en-GB\"")]
    [InlineData("execution.workflowId", "\"expense-approval\"")]
    [InlineData("now", "\"2024-06-01T08:00:00Z\"")]
    // Arithmetic: decimal when exact, double otherwise, integers without ".0".
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("(1 + 2) * 3", "9")]
    [InlineData("2 - 3 - 4", "-5")]
    [InlineData("7 / 2", "3.5")]
    [InlineData("7 % 3", "1")]
    [InlineData("-7 % 3", "-1")]
    [InlineData("0.1 + 0.2", "0.3")]
    [InlineData("0.1 * 3", "0.3")]
    [InlineData("1.5 * 2", "3")]
    [InlineData("1.10 + 1.90", "3")]
    [InlineData("1 / 3", "0.3333333333333333")]
    [InlineData("1e3 + 1", "1001")]
    [InlineData("99999999999999999999 * 10", "999999999999999999990")]
    [InlineData("-input.amount", "-250")]
    [InlineData("- -5", "5")]
    // + joins text and arrays.
    [InlineData("'a' + \"b\"", "\"ab\"")]
    [InlineData("'n=' + 5", "\"n=5\"")]
    [InlineData("1.5 + 'x'", "\"1.5x\"")]
    [InlineData("'x' + null", "\"x\"")]
    [InlineData("'v=' + [1, 2]", "\"v=[1,2]\"")]
    [InlineData("true + ''", "\"true\"")]
    [InlineData("[1, 2] + [3]", "[1,2,3]")]
    [InlineData("input.customer.tags + ['new']", "[\"vip\",\"early\",\"new\"]")]
    // Comparison and equality.
    [InlineData("input.amount == 250", "true")]
    [InlineData("input.amount == 250.0", "true")]
    [InlineData("0.1 + 0.2 == 0.3", "true")]
    [InlineData("'abc' != 'ABC'", "true")]
    [InlineData("{a: 1, b: [1, 2]} == {b: [1, 2], a: 1}", "true")]
    [InlineData("[1, 2] == [2, 1]", "false")]
    [InlineData("null == input.missing", "true")]
    [InlineData("1 == '1'", "false")]
    [InlineData("'apple' < 'banana'", "true")]
    [InlineData("'B' < 'a'", "true")]
    [InlineData("3 >= 3", "true")]
    [InlineData("2 <= 1", "false")]
    [InlineData("(input.amount > 100) == vars.needsApproval", "true")]
    // Logic, truthiness, conditional and coalescing.
    [InlineData("true && false", "false")]
    [InlineData("true and 1", "true")]
    [InlineData("input.note || 'empty'", "true")]
    [InlineData("false or input.zero", "false")]
    [InlineData("!input.flag", "true")]
    [InlineData("not input.note", "true")]
    [InlineData("!!'x'", "true")]
    [InlineData("!input.customer.tags", "false")]
    [InlineData("not {}", "false")]
    [InlineData("input.amount > 100 ? 'large' : 'small'", "\"large\"")]
    [InlineData("input.zero ? 'yes' : 'no'", "\"no\"")]
    [InlineData("true ? false ? 1 : 2 : 3", "2")]
    [InlineData("input.nothing ?? input.missing ?? 'default'", "\"default\"")]
    [InlineData("input.zero ?? 5", "0")]
    [InlineData("false || true ?? 1", "true")]
    // Literals.
    [InlineData("[1, 'two', null, true]", "[1,\"two\",null,true]")]
    [InlineData("{a: 1, 'b c': input.currency}", "{\"a\":1,\"b c\":\"EUR\"}")]
    [InlineData("{items: input.customer.tags}", "{\"items\":[\"vip\",\"early\"]}")]
    [InlineData("'it\\'s'", "\"it's\"")]
    [InlineData("'\\u0041\\n'", "\"A\\n\"")]
    // Functions.
    [InlineData("length(input.items)", "3")]
    [InlineData("length('h\u00e9llo \U0001F600')", "7")]
    [InlineData("length(input.customer)", "3")]
    [InlineData("length(input.missing)", "0")]
    [InlineData("contains(input.customer.tags, 'vip')", "true")]
    [InlineData("contains('hello world', 'o w')", "true")]
    [InlineData("contains(input.customer, 'email')", "true")]
    [InlineData("contains([{a: 1}], {a: 1.0})", "true")]
    [InlineData("contains(input.missing, 'x')", "false")]
    [InlineData("lower(input.currency)", "\"eur\"")]
    [InlineData("upper('abc')", "\"ABC\"")]
    [InlineData("upper(input.missing)", "null")]
    [InlineData("trim(input.label)", "\"Mixed Case\"")]
    [InlineData("startsWith(vars.webhookUrl, 'https://')", "true")]
    [InlineData("endsWith(input.customer.email, '@example.com')", "true")]
    [InlineData("coalesce(input.missing, input.nothing, 'x', 'y')", "\"x\"")]
    [InlineData("toJson(input.items[0])", "\"{\\\"name\\\":\\\"pen\\\",\\\"price\\\":1.5,\\\"qty\\\":4}\"")]
    [InlineData("parseJson(input.payload).a[1]", "2")]
    [InlineData("parseJson('null')", "null")]
    [InlineData("formatDateTime(input.when, 'yyyy-MM-dd')", "\"2024-05-31\"")]
    [InlineData("formatDateTime(now, 'dddd d MMMM yyyy HH:mm')", "\"Saturday 1 June 2024 08:00\"")]
    [InlineData("formatDateTime('2024-03-01T10:00:00+02:00', 'HH:mm zzz')", "\"10:00 +02:00\"")]
    [InlineData("string(42)", "\"42\"")]
    [InlineData("string(null)", "\"\"")]
    [InlineData("string({a: true})", "\"{\\\"a\\\":true}\"")]
    [InlineData("number('12.50') + 1", "13.5")]
    [InlineData("number(' 1e2 ')", "100")]
    [InlineData("number(true)", "1")]
    [InlineData("not(input.flag)", "true")]
    [InlineData("keys({b: 1, a: 2})", "[\"b\",\"a\"]")]
    [InlineData("keys(input.customer)", "[\"name\",\"email\",\"tags\"]")]
    [InlineData("length(keys(input)) > 5", "true")]
    public void Evaluate_OverSampleContext_GivesExpectedJson(string expression, string expected)
    {
        Assert.Equal(expected, Sample.Evaluate(expression));
    }

    [Fact]
    public void Evaluate_Result_IsACopyThatDoesNotAliasTheContext()
    {
        var context = Sample.Context();
        var before = Sample.Json(context.Input);

        var result = Expression.Parse("input.items").Evaluate(context)!.AsArray();
        result.Add(99);
        var built = Expression.Parse("[input.customer] + input.items").Evaluate(context)!.AsArray();
        built[0]!["name"] = "changed";

        Assert.Equal(before, Sample.Json(context.Input));
        Assert.Equal(4, result.Count);
    }

    [Fact]
    public void Evaluate_SameExpressionTwice_GivesEqualResultsAndLeavesTheContextUnchanged()
    {
        var expression = Expression.Parse("{total: input.amount * 1.2, tags: input.customer.tags + ['x'], at: formatDateTime(now, 'o')}");
        var context = Sample.Context();
        var before = Sample.Json(context.Input);

        var first = Sample.Json(expression.Evaluate(context));
        var second = Sample.Json(expression.Evaluate(context));

        Assert.Equal(first, second);
        Assert.Equal(before, Sample.Json(context.Input));
        Assert.Contains("\"total\":300", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_Now_ComesOnlyFromTheContext()
    {
        var expression = Expression.Parse("formatDateTime(now, 'yyyy-MM-dd HH:mm')");

        var june = expression.Evaluate(Sample.Context() with { Now = "2024-06-01T08:00:00Z" });
        var newYear = expression.Evaluate(Sample.Context() with { Now = "2031-01-01T00:00:00Z" });
        var none = Expression.Parse("now").Evaluate(Sample.Context() with { Now = null });

        Assert.Equal("\"2024-06-01 08:00\"", Sample.Json(june));
        Assert.Equal("\"2031-01-01 00:00\"", Sample.Json(newYear));
        Assert.Null(none);
    }

    [Fact]
    public void ToString_OfContext_LeavesOutTheData()
    {
        var text = Sample.Context().ToString();

        Assert.StartsWith("ExpressionContext { Now = 2024-06-01T08:00:00Z, Limits = ExpressionLimits {", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Lovelace", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LogicalOperators_ShortCircuit()
    {
        // The right sides would fail (division by zero, arithmetic on a string) if they were evaluated.
        Assert.Equal("false", Sample.Evaluate("false && 1 / 0"));
        Assert.Equal("true", Sample.Evaluate("true or 'a' * 2"));
        Assert.Equal("1", Sample.Evaluate("1 ?? 1 / 0"));
        Assert.Equal("2", Sample.Evaluate("input.zero ? 1 / 0 : 2"));
    }
}
