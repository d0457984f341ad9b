namespace FunctionsFlow.Host.Configuration;

/// <summary>One setting of the host: its configuration key, its use locally and in Azure, and what it means.</summary>
internal sealed record HostSetting(string Name, SettingUse Local, SettingUse Azure, string Description);

/// <summary>How a setting is used in one environment (local runs, or the Function App in Azure).</summary>
internal enum SettingUse
{
    /// <summary>Not given there: another form of the setting stands in.</summary>
    NotUsed,

    /// <summary>Read when present; the host has a default or another form.</summary>
    Optional,

    /// <summary>Must be set.</summary>
    Required,

    /// <summary>Set by the Azure Functions host (or Core Tools), never by our settings.</summary>
    SetByPlatform,
}
