using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace FunctionsFlow.Benchmarks.Scenarios;

/// <summary>Counts the worker's log events (debug and up) by event and text, e.g. how many messages were dropped
/// as already applied, how many batches were dropped near the end of their lease, how many commits conflicted.</summary>
public sealed class CountingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Events by "id name: text" (the instance id replaced by its entity name), with their count.</summary>
    public IReadOnlyList<string> Report() =>
        [.. _counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} ×{c.Value}"))];

    public void Reset() => _counts.Clear();

    public ILogger CreateLogger(string categoryName) => new Counting(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Counting(CountingLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception);
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values &&
                values.FirstOrDefault(v => v.Key == "InstanceId").Value is string instance)
            {
                // One line per kind of event, not per entity: "@counter@many17" becomes "@counter@…".
                var cut = instance.LastIndexOf('@');
                text = text.Replace(instance, cut > 0 ? instance[..(cut + 1)] + "…" : instance, StringComparison.Ordinal);
            }

            var key = string.Create(CultureInfo.InvariantCulture, $"{eventId.Id} {logLevel}: {text}") +
                (exception is null ? string.Empty : " [" + exception.GetType().Name + ": " + exception.Message + "]");
            owner._counts.AddOrUpdate(key, 1, (_, n) => n + 1);
        }
    }
}
