using System.ComponentModel.DataAnnotations;
using FunctionsFlow.Host.Security;

namespace FunctionsFlow.Host.Configuration;

/// <summary>The <c>FunctionsFlow</c> configuration section.</summary>
internal sealed class FunctionsFlowOptions
{
    public const string SectionName = "FunctionsFlow";

    /// <summary>Prefixes every table, queue and container, so apps and tests can share one account.</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "FunctionsFlow:TaskHub must be 3-45 letters and digits, starting with a letter.")]
    public string TaskHub { get; set; } = "FunctionsFlow";

    public AuthOptions Auth { get; set; } = new();
}

/// <summary>The <c>FunctionsFlow:Auth</c> section.</summary>
internal sealed class AuthOptions
{
    /// <summary><c>Development</c>, <c>AppService</c> or <c>ApiKey</c>.</summary>
    public AuthMode Mode { get; set; } = AuthMode.Development;
}
