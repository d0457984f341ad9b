using System.Diagnostics;
using System.Text;
using FunctionsFlow.Workflows.Definitions;

namespace FunctionsFlow.Workflows.Tests.Definitions;

public sealed class DefinitionHostileInputTests
{
    [Fact]
    public void Parse_TextOverOneMebibyte_IsRefusedBeforeReading()
    {
        var text = "id: wf\nname: T\nsteps: [{id: a, return: 1}]\n# " + new string('x', WorkflowDefinitionParser.MaxSourceBytes);

        Assert.Equal(["$ (line 1, column 1): is larger than 1048576 bytes"], Timed(() => DefinitionAssert.Errors(text)));
    }

    [Fact]
    public void Parse_MultiByteTextOverTheCap_IsMeasuredInUtf8Bytes()
    {
        var text = "id: wf\nname: T\nsteps: [{id: a, return: '" + new string('é', 600_000) + "'}]\n";

        Assert.Equal(["$ (line 1, column 1): is larger than 1048576 bytes"], DefinitionAssert.Errors(text));
    }

    [Theory]
    [InlineData(SourceFormat.Yaml, 67)]
    [InlineData(SourceFormat.Json, 69)]
    public void Parse_NestedOneHundredThousandDeep_StopsAtTheDepthLimit(SourceFormat format, int column)
    {
        var text = format == SourceFormat.Json
            ? "{\"a\":" + new string('[', 100_000)
            : "a: " + new string('[', 100_000) + new string(']', 100_000);

        var error = Assert.Single(Timed(() => DefinitionAssert.Errors(text)));

        Assert.Equal("$.a" + string.Concat(Enumerable.Repeat("[0]", 63)) + $" (line 1, column {column}): is nested more than 64 levels deep", error);
    }

    [Fact]
    public void Parse_DeepBlockYaml_StopsAtTheDepthLimit()
    {
        var text = string.Concat(Enumerable.Range(0, 900).Select(i => new string(' ', i) + "a:\n"));

        var error = Assert.Single(Timed(() => DefinitionAssert.Errors(text)));

        Assert.Equal(string.Concat(Enumerable.Repeat(".a", 64)).Insert(0, "$") + " (line 65, column 65): is nested more than 64 levels deep", error);
    }

    [Fact]
    public void Parse_StepsNestedPastTheDepthLimit_AreAnError()
    {
        var text = new StringBuilder("id: wf\nname: T\nsteps:\n");
        for (var i = 0; i < 40; i++)
        {
            var indent = new string(' ', 2 + (i * 4));
            text.Append(indent).Append("- id: s").Append(i).Append("\n  ").Append(indent).Append("if: '${ true }'\n  ").Append(indent).Append("then:\n");
        }

        text.Append(new string(' ', 162)).Append("- {id: last, return: 1}\n");

        var error = Assert.Single(DefinitionAssert.Errors(text.ToString()));

        Assert.EndsWith(": is nested more than 64 levels deep", error, StringComparison.Ordinal);
        Assert.StartsWith("$.steps[0].then[0].then[0]", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AliasBomb_IsRefusedAtTheFirstAlias()
    {
        const string bomb = """
            a: &a [x, x, x, x, x, x, x, x, x]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
            d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
            e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
            f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
            g: [*f, *f, *f, *f, *f, *f, *f, *f, *f]
            """;

        Assert.Equal(
            ["$.b[0] (line 2, column 8): uses the alias *a: aliases are not supported, write the value out"],
            Timed(() => DefinitionAssert.Errors(bomb)));
    }

    [Fact]
    public void Parse_MergeKey_IsRefusedWithTheAlias()
    {
        Assert.Equal(
            ["$.steps[1]['<<'] (line 5, column 10): uses the alias *base: aliases are not supported, write the value out"],
            DefinitionAssert.Errors("id: wf\nname: T\nsteps:\n  - &base {id: a, return: 1}\n  - {<<: *base, id: b}\n"));
    }

    [Theory]
    [InlineData("id: wf\nname: T\nname: U\nsteps: [{id: a, return: 1}]\n", "$.name (line 3, column 1): is a duplicate key: each key may appear once in a mapping")]
    [InlineData("id: wf\nname: T\nsteps: [{id: a, set: {x: 1, x: 2}}]\n", "$.steps[0].set.x (line 3, column 29): is a duplicate key: each key may appear once in a mapping")]
    [InlineData("""{"id": "wf", "name": "T", "steps": [{"id": "a", "return": 1, "id": "b"}]}""", "$.steps[0].id (line 1, column 62): is a duplicate key: each key may appear once in a mapping")]
    public void Parse_DuplicateKeys_AreErrors(string text, string error)
    {
        Assert.Equal([error], DefinitionAssert.Errors(text));
    }

    [Fact]
    public void Parse_ThousandsOfDuplicateKeys_ReportsOneHundredErrorsQuickly()
    {
        var text = "id: wf\nname: T\nsteps: [{id: a, return: 1}]\n" + string.Concat(Enumerable.Repeat("x: 1\n", 20_000));

        var errors = Timed(() => DefinitionAssert.Errors(text));

        Assert.Equal(WorkflowDefinitionParser.MaxErrors + 1, errors.Length);
        Assert.Equal("$: validation stopped after 100 errors (20000 found)", errors[^1]);
    }

    [Fact]
    public void Parse_MoreStepsThanTheCap_ReportsTheFirstOneTooMany()
    {
        var text = DefinitionAssert.WithSteps(string.Concat(Enumerable.Range(0, 1_500).Select(i => $"  - {{id: s{i}, return: 1}}\n")));

        Assert.Equal(
            ["$.steps[1000] (line 1004, column 5): is one step too many: a definition holds at most 1000 steps"],
            Timed(() => DefinitionAssert.Errors(text)));
    }

    [Fact]
    public void Parse_RandomBytes_FailWithASyntaxOrCharacterError()
    {
        var random = new Random(42);
        for (var i = 0; i < 50; i++)
        {
            var bytes = new byte[random.Next(1, 5_000)];
            random.NextBytes(bytes);
            foreach (var text in new[] { Encoding.UTF8.GetString(bytes), Encoding.Latin1.GetString(bytes) })
            {
                var result = WorkflowDefinitionParser.Parse(text);

                Assert.False(result.Succeeded);
                Assert.All(result.Errors, error => Assert.NotNull(error.Line));
            }
        }
    }

    [Theory]
    [InlineData("id: wf\0\nname: T\n", "$ (line 1, column 7): holds the character U+0000, which a definition may not contain: is the text UTF-8?")]
    [InlineData("id: wf\nname: \u001b[31m\n", "$ (line 2, column 7): holds the character U+001B, which a definition may not contain: is the text UTF-8?")]
    [InlineData("id: wf\nname: \uFFFF\n", "$ (line 2, column 7): holds the character U+FFFF, which a definition may not contain: is the text UTF-8?")]
    public void Parse_ControlCharactersAndBrokenSurrogates_AreRefused(string text, string error)
    {
        Assert.Equal([error], DefinitionAssert.Errors(text));
    }

    [Fact]
    public void Parse_HalfASurrogatePair_IsRefused()
    {
        var text = "id: wf\nname: " + (char)0xD800 + "x\n";

        Assert.Equal(
            ["$ (line 2, column 7): holds the character U+D800, which a definition may not contain: is the text UTF-8?"],
            DefinitionAssert.Errors(text));
    }

    [Fact]
    public void Parse_EmojiAndTabs_AreFine()
    {
        var definition = DefinitionAssert.Valid("id: wf\nname: \"Ship it 🚀\tnow\"\nsteps: [{id: a, return: 1}]\n");

        Assert.Equal("Ship it 🚀\tnow", definition.Name);
    }

    [Theory]
    [InlineData("id: a\n---\nid: b\n", "$ (line 2, column 1): holds more than one YAML document: write one definition per text")]
    [InlineData("id: !custom wf\n", "$.id (line 1, column 5): has the tag !custom, which is not supported")]
    [InlineData("id: wf\nname: T\nsteps: [{id: a, return: .inf}]\n", "$.steps[0].return (line 3, column 25): '.inf' is not a number JSON can hold")]
    [InlineData("id: wf\nname: T\nsteps: [{id: a, return: !!int abc}]\n", "$.steps[0].return (line 3, column 25): 'abc' is not a valid !!int")]
    [InlineData("? [a, b]\n: 1\n", "$ (line 1, column 3): has a key that is a mapping or a list: keys must be plain names")]
    public void Parse_YamlFeaturesJsonCannotHold_AreRefused(string text, string error)
    {
        Assert.Equal([error], DefinitionAssert.Errors(text));
    }

    [Fact]
    public void Parse_LongStringsAndManyExpressions_StayFast()
    {
        var text = "id: wf\nname: T\nsteps: [{id: a, set: {x: '" + string.Concat(Enumerable.Repeat("${ input.a }", 40_000)) + "', y: '" + new string('y', 50_000) + "'}}]\n";

        Assert.Equal("wf", Timed(() => DefinitionAssert.Valid(text)).Id);
    }

    [Fact]
    public void Parse_ExpressionNestedTooDeeply_IsAnErrorNotACrash()
    {
        var text = "id: wf\nname: T\nsteps: [{id: a, set: {x: '${ " + new string('(', 10_000) + "1" + new string(')', 10_000) + " }'}}]\n";

        var error = Assert.Single(DefinitionAssert.Errors(text));

        Assert.StartsWith("$.steps[0].set.x (line 3, column 23): ", error, StringComparison.Ordinal);
    }

    // Hostile input must fail (or pass) quickly: well under a second here.
    private static T Timed<T>(Func<T> action)
    {
        var watch = Stopwatch.StartNew();
        var result = action();
        Assert.InRange(watch.ElapsedMilliseconds, 0, 2_000);
        return result;
    }
}
