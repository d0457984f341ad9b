using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace FunctionsFlow.Testing.Fakes;

/// <summary>An OAuth 2.0 token endpoint (Kestrel, in the test) for the refresh-token grant: it checks the client, issues
/// numbered tokens (<c>{prefix}-access-2</c>, <c>{prefix}-refresh-2</c>...) and rotates the refresh token; a test can
/// refuse the next refreshes, make them fail, or hold them until it lets them go.</summary>
public sealed class FakeTokenEndpoint : IAsyncDisposable
{
    private readonly FakeHttpServer _server;
    private readonly ConcurrentQueue<(int Status, string Body)> _scripted = new();
    private int _issued = 1;
    private TaskCompletionSource? _gate;

    private FakeTokenEndpoint(FakeHttpServer server, string prefix, string clientId, string? clientSecret)
    {
        _server = server;
        Prefix = prefix;
        ClientId = clientId;
        ClientSecret = clientSecret;
        CurrentRefreshToken = $"{prefix}-refresh-1";
    }

    /// <summary>The start of every token it issues.</summary>
    public string Prefix { get; }

    /// <summary>The client it accepts.</summary>
    public string ClientId { get; }

    /// <summary>That client's secret, if it has one.</summary>
    public string? ClientSecret { get; }

    /// <summary>How long issued access tokens last (<c>expires_in</c>).</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The refresh token it accepts now (the first is <c>{prefix}-refresh-1</c>; each refresh rotates it).</summary>
    public string CurrentRefreshToken { get; private set; }

    /// <summary>The endpoint's URL.</summary>
    public Uri Url => new(_server.BaseUrl, "oauth2/token");

    /// <summary>The requests it received.</summary>
    public IReadOnlyCollection<RecordedRequest> Requests => _server.Requests;

    /// <summary>Starts an endpoint whose tokens begin with <paramref name="prefix"/>.</summary>
    public static async Task<FakeTokenEndpoint> StartAsync(string prefix = "tok", string clientId = "functionsflow-test", string? clientSecret = "client-secret-5e2a")
    {
        FakeTokenEndpoint? endpoint = null;
        var server = await FakeHttpServer.StartAsync((context, request) => endpoint!.AnswerAsync(context, request)).ConfigureAwait(false);
        endpoint = new FakeTokenEndpoint(server, prefix, clientId, clientSecret);
        return endpoint;
    }

    /// <summary>The next refreshes answer <paramref name="status"/> with <paramref name="body"/>, in order.</summary>
    public void AnswerNext(int status, string body)
    {
        _scripted.Enqueue((status, body));
    }

    /// <summary>Holds every refresh until <see cref="Release"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets the held refreshes through.</summary>
    public void Release() => _gate?.TrySetResult();

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Release();
        return _server.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context, RecordedRequest request)
    {
        if (_gate is { } gate)
        {
            await gate.Task.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        }

        if (_scripted.TryDequeue(out var scripted))
        {
            await WriteAsync(context, scripted.Status, scripted.Body).ConfigureAwait(false);
            return;
        }

        var form = request.Form;
        if (form.GetValueOrDefault("client_id") != ClientId || form.GetValueOrDefault("client_secret") != ClientSecret)
        {
            await WriteAsync(context, 401, """{"error":"invalid_client"}""").ConfigureAwait(false);
            return;
        }

        if (form.GetValueOrDefault("grant_type") != "refresh_token" || form.GetValueOrDefault("refresh_token") != CurrentRefreshToken)
        {
            await WriteAsync(context, 400, """{"error":"invalid_grant","error_description":"The refresh token is not valid."}""").ConfigureAwait(false);
            return;
        }

        var n = Interlocked.Increment(ref _issued);
        CurrentRefreshToken = $"{Prefix}-refresh-{n}";
        var seconds = ((long)Lifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        await WriteAsync(context, 200, $$"""{"access_token":"{{Prefix}}-access-{{n}}","token_type":"Bearer","expires_in":{{seconds}},"refresh_token":"{{CurrentRefreshToken}}"}""").ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
