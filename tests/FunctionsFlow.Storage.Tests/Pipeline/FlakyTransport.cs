using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace FunctionsFlow.Storage.Tests.Pipeline;

/// <summary>Answers the first <paramref name="failures"/> requests with <paramref name="status"/> itself, then
/// forwards to the real transport; counts every attempt.</summary>
internal sealed class FlakyTransport(int failures, int status) : HttpPipelineTransport
{
    private readonly HttpPipelineTransport _inner = HttpClientTransport.Shared;
    private int _attempts;

    public int Attempts => _attempts;

    public override Request CreateRequest() => _inner.CreateRequest();

    public override void Process(HttpMessage message) => ProcessAsync(message).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message)
    {
        if (Interlocked.Increment(ref _attempts) <= failures)
        {
            message.Response = new CannedResponse(status, message.Request.ClientRequestId);
            return;
        }

        await _inner.ProcessAsync(message);
    }

    private sealed class CannedResponse(int status, string clientRequestId) : Response
    {
        public override int Status => status;

        public override string ReasonPhrase => "Injected";

        public override Stream? ContentStream { get; set; } = new MemoryStream();

        public override string ClientRequestId { get; set; } = clientRequestId;

        public override void Dispose() => ContentStream?.Dispose();

        protected override bool ContainsHeader(string name) => false;

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => [];

        protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
        {
            value = null;
            return false;
        }

        protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
        {
            values = null;
            return false;
        }
    }
}
