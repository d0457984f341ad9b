using System.Text.Json;
using System.Text.Json.Nodes;

namespace FunctionsFlow.Cli.Infrastructure;

/// <summary>The tool's config file: a JSON object with <c>url</c>, <c>user</c>, <c>roles</c> and <c>apiKey</c>, each
/// optional. It lives at <c>$FUNCTIONSFLOW_CONFIG</c>, else <c>$XDG_CONFIG_HOME/functionsflow/config.json</c>, else
/// <c>~/.config/functionsflow/config.json</c> (on Windows under <c>%APPDATA%</c>).</summary>
internal sealed class ConfigFile
{
    /// <summary>The keys the file knows, in the file's spelling.</summary>
    public static readonly string[] Keys = ["url", "user", "roles", "apiKey"];

    private readonly JsonObject _values;

    private ConfigFile(string path, JsonObject values)
    {
        Path = path;
        _values = values;
    }

    public string Path { get; }

    public string? this[string key] => _values[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Where the file is for this environment (whether or not it exists).</summary>
    public static string Locate(Func<string, string?> environment, string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return explicitPath;
        }

        if (environment("FUNCTIONSFLOW_CONFIG") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        var home = environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : OperatingSystem.IsWindows()
                ? System.Environment.GetFolderPath(System.Environment.SpecialFolder.ApplicationData)
                : System.IO.Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".config");
        return System.IO.Path.Combine(home, "functionsflow", "config.json");
    }

    /// <summary>Reads the file; a missing file is an empty configuration, a malformed one an error naming it.</summary>
    public static ConfigFile Load(string path)
    {
        if (!File.Exists(path))
        {
            return new ConfigFile(path, []);
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) is JsonObject values
                ? new ConfigFile(path, values)
                : throw CliException.Usage($"The config file {path} must hold a JSON object.");
        }
        catch (JsonException ex)
        {
            throw CliException.Usage($"The config file {path} is not valid JSON: {ex.Message}");
        }
        catch (IOException ex)
        {
            throw CliException.Usage($"The config file {path} cannot be read: {ex.Message}");
        }
    }

    /// <summary>Sets (or with null removes) a key and writes the file, readable by its owner only where the system has
    /// permissions: it can hold an API key.</summary>
    public void Set(string key, string? value)
    {
        if (value is null)
        {
            _values.Remove(key);
        }
        else
        {
            _values[key] = value;
        }

        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path + ".tmp";
        using (var stream = OperatingSystem.IsWindows()
            ? new FileStream(temporary, FileMode.Create, FileAccess.Write)
            : new FileStream(temporary, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
        {
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            _values.WriteTo(writer);
        }

        File.Move(temporary, Path, overwrite: true);
    }
}
