using Azure.Core;

namespace FunctionsFlow.Storage;

/// <summary>Options of the shared storage pipeline: retries, diagnostics, extra policies, the clock.</summary>
/// <remarks>Retries use Azure.Core's policy (408, 429 and 5xx with exponential backoff). Add policies with
/// <see cref="ClientOptions.AddPolicy"/> to count or fault requests.</remarks>
public sealed class StorageClientOptions : ClientOptions
{
    /// <summary>The REST API version sent as <c>x-ms-version</c>.</summary>
    public const string ServiceVersion = "2025-01-05";

    /// <summary>Creates options with storage-friendly retry defaults.</summary>
    public StorageClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 5;
        Retry.Delay = TimeSpan.FromMilliseconds(200);
        Retry.MaxDelay = TimeSpan.FromSeconds(10);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
        Diagnostics.IsLoggingContentEnabled = false;
        Diagnostics.ApplicationId = "FunctionsFlow";
    }

    /// <summary>The clock that dates signed requests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
