using System.Collections.Immutable;
using FunctionsFlow.Workflows.Expressions;

namespace FunctionsFlow.Workflows.Definitions.Steps;

/// <summary><c>http</c>: sends one HTTP request; the response (status, headers, JSON or text body) is the output.</summary>
public sealed record HttpStep : WorkflowStep
{
    /// <inheritdoc />
    public override string Kind => StepKinds.Http;

    /// <summary>The verb; <c>GET</c> when none is written.</summary>
    public HttpMethod Method { get; init; } = HttpMethod.Get;

    /// <summary>The absolute http or https URL; none when the step's connection is a webhook, whose URL it is.</summary>
    public Template? Url { get; init; }

    /// <summary>Request headers, in the order written.</summary>
    public ImmutableArray<KeyValuePair<string, Template>> Headers { get; init; } = [];

    /// <summary>Query parameters added to the URL, in the order written.</summary>
    public ImmutableArray<KeyValuePair<string, Template>> Query { get; init; } = [];

    /// <summary>The body, sent as JSON (a string as text), when there is one.</summary>
    public TemplateValue? Body { get; init; }

    /// <summary>The connection whose credentials the request carries, when named.</summary>
    public string? Connection { get; init; }

    /// <summary>How long one attempt may take (the http <c>timeout</c>), when limited.</summary>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>The statuses that count as success (<c>expectStatus</c>); empty means <see cref="StatusRange.Success"/>.</summary>
    public ImmutableArray<StatusRange> ExpectStatus { get; init; } = [];

    /// <summary>True when a response with <paramref name="status"/> counts as success.</summary>
    public bool IsExpected(int status) =>
        ExpectStatus.IsEmpty ? StatusRange.Success.Contains(status) : ExpectStatus.Any(range => range.Contains(status));
}
