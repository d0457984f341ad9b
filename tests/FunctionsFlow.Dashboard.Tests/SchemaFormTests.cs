using System.Text.Json;
using FunctionsFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FunctionsFlow.Dashboard.Tests;

/// <summary>The form the dashboard generates from a wait's JSON Schema, driven in the browser: each type gets its control,
/// what is typed reads back as the JSON the schema describes, and the host's errors land on the fields they name.</summary>
public sealed class SchemaFormTests(AzuriteFixture azurite, BrowserFixture browser) : DashboardTest(azurite, browser)
{
    private const string Schema = """
        {
          "type": "object",
          "required": ["approved", "amount", "reviewer"],
          "properties": {
            "approved": {"type": "boolean"},
            "amount": {"type": "number", "minimum": 0},
            "count": {"type": "integer"},
            "priority": {"enum": ["low", "high", 3]},
            "note": {"type": ["string", "null"], "maxLength": 200},
            "reviewer": {
              "type": "object",
              "required": ["email"],
              "properties": {
                "email": {"type": "string", "format": "email"},
                "address": {"type": "object", "properties": {"city": {"type": "string"}}}
              }
            },
            "odd name": {"type": "string"},
            "tags": {"type": "array", "items": {"type": "string"}}
          }
        }
        """;

    private IPage _page = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _page = await Host.OpenAsync(Browser, "/templates");
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = "Templates" })).ToBeVisibleAsync();

        // The form on a page of its own below the dashboard's, built by the dashboard's module.
        await _page.EvaluateAsync(
            """
            async (schema) => {
              const { schemaForm } = await import('/assets/schema-form.js');
              const form = schemaForm(JSON.parse(schema), { label: 'input' });
              const host = document.createElement('div');
              host.id = 'under-test';
              host.append(form.element);
              document.body.append(host);
              window.formUnderTest = form;
            }
            """,
            Schema);
    }

    [Fact]
    public async Task EveryType_HasItsControl_AndReadsBackAsTheJsonTheSchemaDescribes()
    {
        var form = _page.Locator("#under-test");
        await Expect(form.Locator("select[name='$.approved'] option")).ToHaveTextAsync(["— choose —", "true", "false"]);
        await Expect(form.Locator("input[name='$.amount']")).ToHaveAttributeAsync("type", "number");
        await Expect(form.Locator("input[name='$.count']")).ToHaveAttributeAsync("step", "1");
        await Expect(form.Locator("select[name='$.priority'] option")).ToHaveTextAsync(["— choose —", "low", "high", "3"]);
        await Expect(form.Locator("input[name='$.reviewer.email']")).ToHaveAttributeAsync("type", "email");
        await Expect(form.Locator("fieldset[data-path='$.reviewer'] > legend")).ToContainTextAsync("reviewer*");
        await Expect(form.Locator("fieldset[data-path='$.reviewer.address'] input[name='$.reviewer.address.city']")).ToBeVisibleAsync();
        await Expect(form.Locator("textarea[name='$.tags']")).ToBeVisibleAsync();
        await Expect(form.Locator("[data-path='$.amount'] .required")).ToBeVisibleAsync();
        await Expect(form.Locator("[data-path='$.count'] .required")).ToHaveCountAsync(0);

        await form.Locator("select[name='$.approved']").SelectOptionAsync(new SelectOptionValue { Label = "false" });
        await form.Locator("input[name='$.amount']").FillAsync("12.5");
        await form.Locator("input[name='$.count']").FillAsync("3");
        await form.Locator("select[name='$.priority']").SelectOptionAsync(new SelectOptionValue { Label = "3" });
        await form.Locator("input[name='$.reviewer.email']").FillAsync("ann@example.com");
        await form.Locator("input[name=\"$['odd name']\"]").FillAsync("x");
        await form.Locator("textarea[name='$.tags']").FillAsync("[\"a\", \"b\"]");

        var read = await ReadAsync();
        Assert.Empty(read.GetProperty("errors").EnumerateObject());
        Assert.Equal(
            """{"approved":false,"amount":12.5,"count":3,"priority":3,"reviewer":{"email":"ann@example.com"},"odd name":"x","tags":["a","b"]}""",
            read.GetProperty("value").GetRawText());
    }

    [Fact]
    public async Task WhatThePageCannotRead_IsAnErrorOnItsField_AndLeftOutFieldsAreLeftOut()
    {
        var form = _page.Locator("#under-test");
        await form.Locator("input[name='$.count']").FillAsync("2.5");
        await form.Locator("textarea[name='$.tags']").FillAsync("[not json");

        var read = await ReadAsync();
        Assert.Equal("must be an integer", read.GetProperty("errors").GetProperty("$.count")[0].GetString());
        Assert.StartsWith("is not JSON", read.GetProperty("errors").GetProperty("$.tags")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("""{"reviewer":{}}""", read.GetProperty("value").GetRawText());
    }

    [Fact]
    public async Task TheHostsErrors_LandOnTheFieldsTheyName_OrTheNearestAbove()
    {
        var unplaced = await _page.EvaluateAsync<string[]>(
            """
            () => window.formUnderTest.showErrors({
              '$.approved': ['is required'],
              '$.reviewer.email': ['must be an email address such as name@example.com'],
              '$.reviewer.address.zip': ['is not allowed'],
              "$['odd name']": ['is too long'],
              '$': ['must have at most 8 properties'],
            })
            """);

        Assert.Empty(unplaced);
        var form = _page.Locator("#under-test");
        await Expect(form.Locator("[data-path='$.approved'] .field-error")).ToHaveTextAsync("is required");
        await Expect(form.Locator("[data-path='$.approved'] select")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(form.Locator("[data-path='$.reviewer.email'] .field-error")).ToHaveTextAsync("must be an email address such as name@example.com");
        await Expect(form.Locator("fieldset[data-path='$.reviewer.address'] > .field-error")).ToHaveTextAsync("$.reviewer.address.zip: is not allowed");
        await Expect(form.Locator("[data-path=\"$['odd name']\"] .field-error")).ToHaveTextAsync("is too long");
        await Expect(form.Locator("div[data-path='$'] > .field-error")).ToHaveTextAsync("must have at most 8 properties");
    }

    [Fact]
    public async Task EditAsJson_StartsFromTheFieldsAndSendsWhatIsTyped()
    {
        var form = _page.Locator("#under-test");
        await form.Locator("input[name='$.amount']").FillAsync("7");
        await form.GetByLabel("Edit as JSON").CheckAsync();
        await Expect(form.Locator("textarea[name='$json']")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("\"amount\": 7"));

        await form.Locator("textarea[name='$json']").FillAsync("""{"approved": true, "extra": [1]}""");
        var read = await ReadAsync();
        Assert.Equal("""{"approved":true,"extra":[1]}""", read.GetProperty("value").GetRawText());
        Assert.Empty(Host.ScriptErrors);
    }

    /// <summary>What the form reads: <c>{value, errors}</c>.</summary>
    private async Task<JsonElement> ReadAsync() =>
        JsonDocument.Parse(await _page.EvaluateAsync<string>("() => JSON.stringify(window.formUnderTest.read())")).RootElement;
}
