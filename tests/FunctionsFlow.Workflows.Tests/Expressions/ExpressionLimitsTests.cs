using System.Diagnostics;
using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Expressions;

namespace FunctionsFlow.Workflows.Tests.Expressions;

public sealed class ExpressionLimitsTests
{
    // Long enough for the hostile shapes below, so the nesting limit rather than the length limit answers.
    private static readonly ExpressionLimits LongSources = ExpressionLimits.Default with { MaxSourceLength = 1_000_000 };

    public static TheoryData<string> DeepShapes => new()
    {
        new string('(', 5_000) + "1" + new string(')', 5_000),
        new string('!', 5_000) + "true",
        string.Concat(Enumerable.Repeat("not ", 5_000)) + "true",
        string.Concat(Enumerable.Repeat("- ", 5_000)) + "1",
        new string('[', 5_000) + new string(']', 5_000),
        string.Concat(Enumerable.Repeat("{a: ", 5_000)) + "1" + new string('}', 5_000),
        string.Concat(Enumerable.Repeat("length(", 5_000)) + "'x'" + new string(')', 5_000),
        string.Join(" + ", Enumerable.Repeat("1", 5_000)),
        string.Join(" ?? ", Enumerable.Repeat("input.a", 5_000)),
        string.Concat(Enumerable.Repeat("true ? ", 5_000)) + "1" + string.Concat(Enumerable.Repeat(" : 2", 5_000)),
        "input" + string.Concat(Enumerable.Repeat(".a", 5_000)),
        "input" + string.Concat(Enumerable.Repeat("[0]", 5_000)),
    };

    [Theory]
    [MemberData(nameof(DeepShapes))]
    public void Parse_5000DeepNesting_ThrowsNestingErrorNotStackOverflow(string source)
    {
        var error = Assert.Throws<ExpressionException>(() => Expression.Parse(source, LongSources));

        Assert.Contains("is nested more than 64 levels deep", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DeepShapes))]
    public void Parse_5000DeepNestingWithDefaultLimits_IsRefused(string source)
    {
        Assert.Throws<ExpressionException>(() => Expression.Parse(source));
    }

    [Fact]
    public void Parse_NestingAtTheLimit_IsAccepted()
    {
        var source = new string('(', 60) + "1 + 1" + new string(')', 60);

        Assert.Equal("2", Sample.Json(Expression.Parse(source).Evaluate(Sample.Context())));
    }

    [Fact]
    public void Parse_OneMegabyteStringLiteral_IsRefusedByTheLengthLimit()
    {
        var source = "'" + new string('x', 1_048_576) + "'";

        var error = Assert.Throws<ExpressionException>(() => Expression.Parse(source));

        Assert.StartsWith("Expression is longer than 4096 characters at 0 in ''xxx", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 200);
    }

    [Fact]
    public void Evaluate_RepeatedDoubling_HitsTheStringSizeLimit()
    {
        var context = Sample.Context() with { Vars = new JsonObject { ["s"] = new string('x', 65_536) } };
        var fits = string.Join(" + ", Enumerable.Repeat("vars.s", 16));
        var tooLong = string.Join(" + ", Enumerable.Repeat("vars.s", 17));

        Assert.Equal(1_048_576, Expression.Parse($"length({fits})").Evaluate(context)!.GetValue<int>());
        var error = Sample.Failure(tooLong, context);
        Assert.StartsWith("String result is longer than 1048576 characters at ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_InterpolationPastTheStringLimit_IsRefused()
    {
        var context = Sample.Context() with { Vars = new JsonObject { ["s"] = new string('x', 300_000) } };

        var error = Assert.Throws<ExpressionException>(() => Template.Parse("${vars.s}-${vars.s}-${vars.s}-${vars.s}").Evaluate(context));

        Assert.StartsWith("String result is longer than 1048576 characters at ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ArrayConcatenationPastTheItemLimit_IsRefused()
    {
        var big = new JsonArray(Enumerable.Range(0, 6_000).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());
        var context = Sample.Context() with { Vars = new JsonObject { ["big"] = big } };

        Assert.Equal("6001", Sample.Evaluate("length(vars.big + [1])", context));
        var error = Sample.Failure("vars.big + vars.big", context);
        Assert.Equal("Array result has more than 10000 items at 9 in 'vars.big + vars.big'", error.Message);
    }

    [Fact]
    public void Evaluate_PastTheStepLimit_IsRefused()
    {
        var context = Sample.Context(ExpressionLimits.Default with { MaxEvaluationSteps = 5 });

        Assert.Equal("6", Sample.Evaluate("1 + 2 + 3", context));
        var error = Sample.Failure("1 + 2 + 3 + 4", context);
        Assert.Equal("Expression takes more than 5 evaluation steps at 8 in '1 + 2 + 3 + 4'", error.Message);
    }

    [Fact]
    public void Evaluate_CopyingTheContextManyTimes_HitsTheCopyLimit()
    {
        var big = new JsonArray(Enumerable.Range(0, 5_000).Select(i => (JsonNode?)new JsonObject { ["i"] = i }).ToArray());
        var context = Sample.Context() with { Vars = new JsonObject { ["big"] = big } };

        var error = Sample.Failure("[" + string.Join(", ", Enumerable.Repeat("vars.big", 20)) + "]", context);

        Assert.StartsWith("Expression copies more than 100000 values at ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ParseJsonOfDeeplyNestedText_IsRefusedQuickly()
    {
        var context = Sample.Context() with
        {
            Vars = new JsonObject { ["ok"] = new string('[', 64) + new string(']', 64), ["deep"] = new string('[', 100_000) + new string(']', 100_000) },
        };

        Assert.Equal("64", Sample.Evaluate("length(toJson(parseJson(vars.ok))) / 2", context));
        var error = Sample.Failure("parseJson(vars.deep)", context);
        Assert.Equal("parseJson(): the JSON is nested more than 64 levels deep at 0 in 'parseJson(vars.deep)'", error.Message);
    }

    [Fact]
    public void Evaluate_DeeplyNestedContextValue_IsRefusedNotOverflowed()
    {
        var context = Sample.Context() with { Input = Sample.Nested(100_000) };

        Assert.Equal("true", Sample.Evaluate("input == input", context));
        Assert.Equal("Value is nested more than 64 levels deep at 0 in 'input'", Sample.Failure("input", context).Message);
        Assert.Equal("Value is nested more than 64 levels deep at 0 in 'toJson(input)'", Sample.Failure("toJson(input)", context).Message);
        Assert.Equal("Value is nested more than 64 levels deep at 0 in '[input]'", Sample.Failure("[input]", context).Message);
    }

    [Fact]
    public void ParseAndEvaluate_HostileInputs_FinishFast()
    {
        var watch = Stopwatch.StartNew();
        foreach (var source in DeepShapes)
        {
            Assert.Throws<ExpressionException>(() => Expression.Parse(source.Data, LongSources));
        }

        Assert.InRange(watch.ElapsedMilliseconds, 0, 2_000);
    }
}
