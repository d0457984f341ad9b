using System.Diagnostics;

namespace FunctionsFlow.Storage;

/// <summary>The storage layer's spans: one per REST call, from an <see cref="ActivitySource"/> named <see cref="Name"/>.</summary>
public static class StorageTelemetry
{
    /// <summary>The activity source's name.</summary>
    public const string Name = "FunctionsFlow.Storage";

    /// <summary>The activity source.</summary>
    public static ActivitySource Source { get; } = new(Name);
}
