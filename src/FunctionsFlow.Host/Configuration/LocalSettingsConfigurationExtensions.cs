using System.Text.Json;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace FunctionsFlow.Host.Configuration;

/// <summary>Reads the <c>Values</c> of an Azure Functions <c>local.settings.json</c> into configuration.</summary>
/// <remarks>The Functions host turns those values into environment variables; self-hosted, we read them the
/// same way (<c>__</c> and <c>:</c> both separate sections), below the real environment so it still wins.</remarks>
internal static class LocalSettingsConfigurationExtensions
{
    /// <summary>Adds the file's values just below the environment variables (or last, when there are none).</summary>
    public static void AddLocalSettings(this IConfigurationBuilder builder, string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        using var stream = File.OpenRead(path);
        using var doc = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (doc.RootElement.TryGetProperty("Values", out var section) && section.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in section.EnumerateObject())
            {
                values[property.Name.Replace("__", ":", StringComparison.Ordinal)] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()
                    : property.Value.GetRawText();
            }
        }

        var source = new MemoryConfigurationSource { InitialData = values };
        var index = builder.Sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource);
        if (index < 0)
        {
            builder.Sources.Add(source);
        }
        else
        {
            builder.Sources.Insert(index, source);
        }
    }
}
