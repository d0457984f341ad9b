using Microsoft.Extensions.Logging;

namespace FunctionsFlow.Workflows.Connections;

public sealed partial class ConnectionService
{
    /// <summary>Connection logs (event ids 3200-3299): names, owners, times and store or endpoint errors, never a secret.</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "Connection {Name} of {Owner} was put ({Type})")]
        public static partial void Put(ILogger logger, string owner, string name, ConnectionType type);

        [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Connection {Name} of {Owner} was deleted; its secrets are soft-deleted")]
        public static partial void Deleted(ILogger logger, string owner, string name);

        [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "Connection {Name} of {Owner} was refreshed; its token expires at {ExpiresAt}")]
        public static partial void Refreshed(ILogger logger, string owner, string name, DateTimeOffset? expiresAt);

        [LoggerMessage(EventId = 3203, Level = LogLevel.Warning, Message = "Connection {Name} of {Owner} needs to be authorized again: {Reason}")]
        public static partial void RefreshRefused(ILogger logger, string owner, string name, string reason);

        [LoggerMessage(EventId = 3204, Level = LogLevel.Warning, Message = "Connection {Name} of {Owner} could not be refreshed: {Reason}")]
        public static partial void RefreshFailed(ILogger logger, string owner, string name, string reason);

        [LoggerMessage(EventId = 3205, Level = LogLevel.Information, Message = "A request with connection {Name} of {Owner} was refused (401); refreshing it")]
        public static partial void RefreshAfterRejection(ILogger logger, string owner, string name);

        [LoggerMessage(EventId = 3206, Level = LogLevel.Warning, Message = "The secret store failed ({Reason}); connection {Name} of {Owner} uses its cached secret")]
        public static partial void ServedStale(ILogger logger, string owner, string name, string reason);

        [LoggerMessage(EventId = 3207, Level = LogLevel.Warning, Message = "The last use of connection {Name} of {Owner} could not be recorded: {Reason}")]
        public static partial void TouchFailed(ILogger logger, string owner, string name, string reason);

        [LoggerMessage(EventId = 3208, Level = LogLevel.Warning, Message = "Superseded secret versions of connection {Name} of {Owner} could not be disabled: {Reason}")]
        public static partial void DisableFailed(ILogger logger, string owner, string name, string reason);
    }
}
