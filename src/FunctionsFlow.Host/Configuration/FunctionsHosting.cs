using System.Globalization;

namespace FunctionsFlow.Host.Configuration;

/// <summary>Whether the host runs as an Azure Functions custom handler: the Functions host then gives the port in
/// <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>, forwards the HTTP functions, and posts the timer and queue invocations.</summary>
internal static class FunctionsHosting
{
    /// <summary>The port the Functions host forwards to, when there is one.</summary>
    public static bool TryGetCustomHandlerPort(IConfiguration configuration, out int port) =>
        int.TryParse(configuration[HostSettings.CustomHandlerPort], NumberStyles.None, CultureInfo.InvariantCulture, out port);

    /// <summary>True under the Azure Functions host.</summary>
    public static bool IsCustomHandler(IConfiguration configuration) => TryGetCustomHandlerPort(configuration, out _);
}
