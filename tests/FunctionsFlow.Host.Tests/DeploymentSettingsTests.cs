using System.Text.Json;
using System.Text.RegularExpressions;
using FunctionsFlow.Host.Configuration;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Host.Tests;

/// <summary>The settings contract: what the host reads (<see cref="HostSettings"/>) is what the local sample
/// and the Function App in <c>infra/main.bicep</c> give it, and they give nothing else.</summary>
public sealed partial class DeploymentSettingsTests
{
    /// <summary>Settings of the Functions platform itself, which the host does not read.</summary>
    private static readonly string[] PlatformOwned =
    [
        "FUNCTIONS_WORKER_RUNTIME",
        "FUNCTIONS_EXTENSION_VERSION",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "AzureWebJobsStorage__credential",
        "WEBSITE_RUN_FROM_PACKAGE",
        "AzureWebJobsDisableHomepage",
    ];

    [Fact]
    public void MainBicep_AppSettings_IncludeEverySettingRequiredInAzure() =>
        Assert.Empty(Missing(BicepAppSettingNames(), s => s.Azure == SettingUse.Required));

    [Fact]
    public void MainBicep_AppSettings_AreReadInAzureOrOwnedByThePlatform()
    {
        var unexpected = BicepAppSettingNames().Where(name => !IsGivenIn(name, s => s.Azure));

        Assert.Empty(unexpected);
    }

    [Fact]
    public void LocalSettingsSample_Values_IncludeEverySettingReadLocally() =>
        Assert.Empty(Missing(LocalSampleNames(), s => s.Local is SettingUse.Required or SettingUse.Optional));

    [Fact]
    public void LocalSettingsSample_Values_AreReadLocallyOrOwnedByThePlatform()
    {
        var unexpected = LocalSampleNames().Where(name => !IsGivenIn(name, s => s.Local));

        Assert.Empty(unexpected);
    }

    [Fact]
    public void HostSettings_All_NamesEachSettingOnce()
    {
        var names = HostSettings.All.Select(s => Normalize(s.Name)).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    /// <summary>The settings <paramref name="needed"/> selects that <paramref name="given"/> lacks.</summary>
    private static IEnumerable<string> Missing(HashSet<string> given, Func<HostSetting, bool> needed) =>
        HostSettings.All.Where(needed).Select(s => s.Name).Where(name => !given.Contains(Normalize(name)));

    /// <summary>Whether a setting given in an environment is one the host reads there (not one the platform
    /// sets, nor one whose other form stands in), or one the Functions platform owns.</summary>
    private static bool IsGivenIn(string name, Func<HostSetting, SettingUse> use) =>
        PlatformOwned.Any(p => Normalize(p).Equals(name, StringComparison.OrdinalIgnoreCase)) ||
        HostSettings.All.Any(s => Normalize(s.Name).Equals(name, StringComparison.OrdinalIgnoreCase) &&
                                  use(s) is SettingUse.Required or SettingUse.Optional);

    /// <summary>Configuration keys are case-insensitive, and <c>__</c> in a setting's name separates sections as <c>:</c> does.</summary>
    private static string Normalize(string name) => name.Replace("__", ":", StringComparison.Ordinal);

    private static HashSet<string> LocalSampleNames()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")));
        return doc.RootElement.GetProperty("Values").EnumerateObject()
            .Select(p => Normalize(p.Name))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The <c>name: '…'</c> entries of the Function App's <c>appSettings</c> expression.</summary>
    private static HashSet<string> BicepAppSettingNames()
    {
        var bicep = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "infra", "main.bicep"));
        var start = bicep.IndexOf("appSettings:", StringComparison.Ordinal);
        Assert.True(start >= 0, "infra/main.bicep has no appSettings.");

        var names = SettingName().Matches(BalancedExpression(bicep, start + "appSettings:".Length))
            .Select(m => Normalize(m.Groups[1].Value))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Contains("FUNCTIONS_WORKER_RUNTIME", names);
        return names;
    }

    /// <summary>The expression that starts at <paramref name="from"/>, up to where its brackets close again
    /// (strings and comments skipped).</summary>
    private static string BalancedExpression(string text, int from)
    {
        var depth = 0;
        for (var i = from; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\'':
                    i = text.IndexOf('\'', i + 1); // Bicep escapes a quote as \' : skip those.
                    while (i > 0 && text[i - 1] == '\\')
                    {
                        i = text.IndexOf('\'', i + 1);
                    }

                    Assert.True(i > 0, "An unterminated string in infra/main.bicep.");
                    break;
                case '/' when i + 1 < text.Length && text[i + 1] == '/':
                    var lineEnd = text.IndexOf('\n', i);
                    i = lineEnd < 0 ? text.Length : lineEnd;
                    break;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    if (--depth == 0)
                    {
                        return text[from..(i + 1)];
                    }

                    break;
            }
        }

        throw new InvalidOperationException("The appSettings expression of infra/main.bicep never closes.");
    }

    [GeneratedRegex(@"\bname:\s*'([^']+)'")]
    private static partial Regex SettingName();
}
