namespace FunctionsFlow.Host.Security;

/// <summary>How the host learns who calls it (setting <c>FunctionsFlow:Auth:Mode</c>).</summary>
internal enum AuthMode
{
    /// <summary>The <c>X-FunctionsFlow-User</c> header names the caller; honoured only in the Development environment.</summary>
    Development,

    /// <summary>App Service authentication's <c>X-MS-CLIENT-PRINCIPAL</c> header.</summary>
    AppService,

    /// <summary><c>Authorization: Bearer &lt;key&gt;</c> with keys stored hashed.</summary>
    ApiKey,
}
