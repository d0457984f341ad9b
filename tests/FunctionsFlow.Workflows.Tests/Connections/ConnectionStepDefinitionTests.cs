using FunctionsFlow.Workflows.Connections;
using FunctionsFlow.Workflows.Definitions;
using FunctionsFlow.Workflows.Definitions.Steps;
using FunctionsFlow.Workflows.Runtime;

namespace FunctionsFlow.Workflows.Tests.Connections;

/// <summary>How definitions name connections, and what the http client does with a credential that does not suit the step.</summary>
public sealed class ConnectionStepDefinitionTests
{
    [Fact]
    public void HttpStep_ThatNamesAConnection_MayLeaveTheUrlToIt_AndOneThatDoesNotMayNot()
    {
        var parsed = WorkflowDefinitionParser.Parse("id: w\nname: W\nsteps:\n  - {id: notify, http: {method: POST, connection: hook, body: {text: hi}}}\n");
        var refused = WorkflowDefinitionParser.Parse("id: w\nname: W\nsteps:\n  - {id: notify, http: {method: POST}}\n");

        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Errors));
        var step = Assert.IsType<HttpStep>(parsed.Definition!.Steps[0]);
        Assert.Equal(("hook", null), (step.Connection, step.Url));
        Assert.DoesNotContain("url", DefinitionJsonWriter.Write(parsed.Definition).ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(refused.Errors, e => e.ToString().Contains("http.url", StringComparison.Ordinal) && e.ToString().Contains("is required", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_WithAWebhookCredential_AndAStepUrl_OrWithoutAUrlForAnotherType_IsUnusable()
    {
        using var client = new WorkflowHttpClient();
        var hook = ConnectionCredential.From(Connection(ConnectionType.Webhook), new ConnectionSecret { Url = "https://hooks.example.com/s3cr3t" });
        var key = ConnectionCredential.From(Connection(ConnectionType.ApiKey), new ConnectionSecret { ApiKey = "k-123" });

        var withUrl = await Assert.ThrowsAsync<ConnectionUnusableException>(() => client.SendAsync(Call("https://example.com/"), hook, TestContext.Current.CancellationToken));
        var withoutUrl = await Assert.ThrowsAsync<ConnectionUnusableException>(() => client.SendAsync(Call(string.Empty), key, TestContext.Current.CancellationToken));
        var withoutCredential = await Assert.ThrowsAsync<ConnectionUnusableException>(() => client.SendAsync(Call("https://example.com/"), TestContext.Current.CancellationToken));

        Assert.Contains("is a webhook", withUrl.Message, StringComparison.Ordinal);
        Assert.Contains("gives no url", withoutUrl.Message, StringComparison.Ordinal);
        Assert.Contains("whose credential was not given", withoutCredential.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", withUrl.Message + withoutUrl.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ToAnUnreachableWebhook_FailsWithoutItsUrl()
    {
        using var client = new WorkflowHttpClient();
        var hook = ConnectionCredential.From(Connection(ConnectionType.Webhook), new ConnectionSecret { Url = "http://127.0.0.1:9/hooks/s3cr3t-path" });

        var failed = await Assert.ThrowsAsync<HttpStepException>(() => client.SendAsync(Call(string.Empty), hook, TestContext.Current.CancellationToken));

        Assert.Contains("(the URL of connection 'c')", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", failed.ToString(), StringComparison.Ordinal);
        Assert.Null(failed.InnerException);
    }

    [Fact]
    public void Redactor_MasksSecretsInTextHeadersAndJson_WhateverTheirEscapes()
    {
        var redactor = new SecretRedactor(["tok/en+1", "ab", "key-77"]);
        using var json = System.Text.Json.JsonDocument.Parse("""{"a":"tok\/en\u002B1","key-77":["x key-77 y",{"n":1}],"short":"ab"}""");

        var masked = redactor.Redact(json.RootElement)!.Value.GetRawText();

        Assert.Equal("""{"a":"[redacted]","short":"ab","[redacted]":["x [redacted] y",{"n":1}]}""", masked);
        Assert.Equal("Bearer [redacted]", redactor.Redact("Bearer tok/en+1"));
        Assert.Equal("[redacted]", redactor.Redact(new Dictionary<string, string> { ["x-echo"] = "key-77" })["x-echo"]);
        Assert.Same(SecretRedactor.None.Redact("tok/en+1"), "tok/en+1");
    }

    private static Connection Connection(ConnectionType type) => new()
    {
        Owner = "alice",
        Name = "c",
        Type = type,
        SecretName = "ffc-x-credential",
        SecretVersion = "v1",
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    private static HttpCall Call(string url) => new("POST", url, new Dictionary<string, string>(), null, TimeSpan.FromSeconds(5), "c", "alice");
}
