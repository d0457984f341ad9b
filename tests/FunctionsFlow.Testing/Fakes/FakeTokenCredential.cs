using System.Collections.Concurrent;
using Azure.Core;

namespace FunctionsFlow.Testing.Fakes;

/// <summary>A credential that hands out one fixed token and records what it was asked for.</summary>
public sealed class FakeTokenCredential(string token) : TokenCredential
{
    /// <summary>The token requests so far.</summary>
    public ConcurrentQueue<TokenRequestContext> Requests { get; } = new();

    /// <inheritdoc />
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Requests.Enqueue(requestContext);
        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    /// <inheritdoc />
    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
