namespace FunctionsFlow.Workflows.Tests.Schema;

public sealed class SchemaKeywordTests
{
    [Theory]
    // type
    [InlineData("""{"type": "number"}""", "5", "")]
    [InlineData("""{"type": "number"}""", "\"5\"", "$: must be a number but was a string")]
    [InlineData("""{"type": "integer"}""", "5.0", "")]
    [InlineData("""{"type": "integer"}""", "5.5", "$: must be an integer but was a number")]
    [InlineData("""{"type": "boolean"}""", "\"true\"", "$: must be a boolean but was a string")]
    [InlineData("""{"type": "object"}""", "[]", "$: must be an object but was an array")]
    [InlineData("""{"type": "array"}""", "{}", "$: must be an array but was an object")]
    [InlineData("""{"type": "null"}""", "null", "")]
    [InlineData("""{"type": ["string", "null"]}""", "null", "")]
    [InlineData("""{"type": ["string", "null"]}""", "1", "$: must be a string or null but was a number")]
    [InlineData("""{"type": ["object", "array", "null"]}""", "true", "$: must be an object, an array or null but was a boolean")]
    // required, properties, additionalProperties
    [InlineData("""{"required": ["a", "b"]}""", """{"a": null}""", "$.b: is required")]
    [InlineData("""{"required": ["a"]}""", "5", "")]
    [InlineData("""{"properties": {"a": {"type": "string"}}}""", """{"a": 1, "b": 2}""", "$.a: must be a string but was a number")]
    [InlineData("""{"properties": {"a": {}}, "additionalProperties": false}""", """{"a": 1, "b": 2, "c d": 3}""",
        "$.b: is not allowed\n$['c d']: is not allowed")]
    [InlineData("""{"additionalProperties": {"type": "number"}}""", """{"x": 1, "y": "z"}""", "$.y: must be a number but was a string")]
    // items, minItems, maxItems
    [InlineData("""{"items": {"type": "number"}}""", """[1, "a", 3, null]""",
        "$[1]: must be a number but was a string\n$[3]: must be a number but was null")]
    [InlineData("""{"items": false}""", "[1]", "$[0]: is not allowed")]
    [InlineData("""{"items": false}""", "[]", "")]
    [InlineData("""{"minItems": 1}""", "[]", "$: must have at least 1 item")]
    [InlineData("""{"maxItems": 2}""", "[1, 2, 3]", "$: must have at most 2 items")]
    [InlineData("""{"minItems": 2, "maxItems": 2}""", "[1, 2]", "")]
    // enum, const
    [InlineData("""{"enum": ["low", "high"]}""", "\"mid\"", "$: must be one of \"low\", \"high\"")]
    [InlineData("""{"enum": [1, {"a": [1]}]}""", """{"a": [1.0]}""", "")]
    [InlineData("""{"const": 5}""", "5.0", "")]
    [InlineData("""{"const": 5}""", "6", "$: must be 5")]
    [InlineData("""{"const": null}""", "0", "$: must be null")]
    [InlineData("""{"const": {"ok": true}}""", """{"ok": true}""", "")]
    // numbers
    [InlineData("""{"minimum": 1, "maximum": 10}""", "0", "$: must be at least 1")]
    [InlineData("""{"minimum": 1, "maximum": 10}""", "11", "$: must be at most 10")]
    [InlineData("""{"minimum": 1, "maximum": 10}""", "10", "")]
    [InlineData("""{"exclusiveMinimum": 0, "exclusiveMaximum": 1.5}""", "0", "$: must be greater than 0")]
    [InlineData("""{"exclusiveMinimum": 0, "exclusiveMaximum": 1.5}""", "1.5", "$: must be less than 1.5")]
    [InlineData("""{"exclusiveMinimum": 0, "exclusiveMaximum": 1.5}""", "0.1", "")]
    [InlineData("""{"minimum": 0.1}""", "0.10000000000000001", "")]
    [InlineData("""{"minimum": 1}""", "\"a\"", "")]
    // strings
    [InlineData("""{"minLength": 2, "maxLength": 3}""", "\"a\"", "$: must be at least 2 characters long")]
    [InlineData("""{"minLength": 2, "maxLength": 3}""", "\"abcd\"", "$: must be at most 3 characters long")]
    [InlineData("""{"maxLength": 1}""", "\"\\uD83D\\uDE00\"", "")]
    [InlineData("""{"minLength": 2}""", "\"\\uD83D\\uDE00\"", "$: must be at least 2 characters long")]
    [InlineData("""{"maxLength": 1}""", "\"ab\"", "$: must be at most 1 character long")]
    [InlineData("""{"pattern": "^[A-Z]{3}$"}""", "\"EUR\"", "")]
    [InlineData("""{"pattern": "^[A-Z]{3}$"}""", "\"eur\"", "$: must match the pattern '^[A-Z]{3}$'")]
    [InlineData("""{"pattern": "b"}""", "\"abc\"", "")]
    [InlineData("""{"pattern": "^a", "minLength": 5}""", "12", "")]
    // boolean schemas and ignored keywords
    [InlineData("true", """{"anything": [1]}""", "")]
    [InlineData("false", "null", "$: is not allowed")]
    [InlineData("""{"title": "T", "description": "D", "default": 1, "examples": [1], "$schema": "x"}""", "\"any\"", "")]
    public void Validate_Keyword_ReportsExpectedErrors(string schema, string instance, string expected)
    {
        Assert.Equal(expected, SchemaAssert.Errors(schema, instance));
    }

    [Fact]
    public void Validate_NestedObjectsAndArrays_ReportsEveryErrorWithItsExactPath()
    {
        const string schema = """
            {
              "type": "object", "required": ["id", "customer", "items"],
              "properties": {
                "id": {"type": "string", "pattern": "^ord-"},
                "customer": {
                  "type": "object", "required": ["email"],
                  "properties": {"email": {"type": "string", "format": "email"}, "first name": {"type": "string", "minLength": 1}}
                },
                "items": {
                  "type": "array", "minItems": 1,
                  "items": {
                    "type": "object", "required": ["sku", "price"], "additionalProperties": false,
                    "properties": {"sku": {"type": "string"}, "price": {"type": "number", "exclusiveMinimum": 0}, "qty": {"type": "integer", "minimum": 1}}
                  }
                }
              }
            }
            """;
        const string instance = """
            {"id": 7, "customer": {"first name": ""},
             "items": [{"sku": "a", "price": 1}, {"sku": "b", "price": 0, "qty": 1.5}, {"price": "x", "color": "red"}]}
            """;

        Assert.Equal(
            """
            $.id: must be a string but was a number
            $.customer.email: is required
            $.customer['first name']: must be at least 1 character long
            $.items[1].price: must be greater than 0
            $.items[1].qty: must be an integer but was a number
            $.items[2].sku: is required
            $.items[2].price: must be a number but was a string
            $.items[2].color: is not allowed
            """.ReplaceLineEndings("\n"),
            SchemaAssert.Errors(schema, instance));
    }

    [Fact]
    public void Validate_ValidNestedInstance_HasNoErrors()
    {
        var errors = SchemaAssert.Errors(
            """{"type": "object", "properties": {"tags": {"type": "array", "items": {"enum": ["a", "b"]}}, "n": {"type": ["integer", "null"]}}}""",
            """{"tags": ["a", "b", "a"], "n": null, "other": {"x": 1}}""");

        Assert.Equal("", errors);
    }

    [Fact]
    public void Validate_MultipleKeywordsOnOneValue_ReportsEachFailure()
    {
        var errors = SchemaAssert.Errors("""{"type": "integer", "minimum": 3, "enum": [3, 4]}""", "2.5");

        Assert.Equal("$: must be an integer but was a number\n$: must be one of 3, 4\n$: must be at least 3", errors);
    }
}
