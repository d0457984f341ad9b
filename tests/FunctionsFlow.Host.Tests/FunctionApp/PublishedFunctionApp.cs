using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Host.Tests.FunctionApp;

/// <summary>The host published once for a test class: <c>dotnet publish --no-build</c> of the configuration the tests
/// were built in (so it only lays out files), into a folder of its own.</summary>
public sealed class PublishedFunctionApp : IAsyncLifetime
{
    /// <summary>The publish folder.</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), AzuriteFixture.NewName("ffpublish"));

    /// <summary>Every <c>function.json</c> by function (folder) name.</summary>
    public IReadOnlyDictionary<string, JsonElement> Functions { get; private set; } = new Dictionary<string, JsonElement>();

    /// <summary>The published <c>host.json</c>.</summary>
    public JsonElement HostJson { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var configuration = typeof(PublishedFunctionApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var project = Path.Combine(RepositoryPaths.Root, "src", "FunctionsFlow.Host", "FunctionsFlow.Host.csproj");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var arg in new[] { "publish", project, "--no-build", "-c", configuration, "-o", Folder, "--nologo", "-nodeReuse:false" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{await output}\n{await errors}");
        }

        HostJson = Read(Path.Combine(Folder, "host.json"));
        Functions = Directory.GetDirectories(Folder)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .ToDictionary(d => Path.GetFileName(d), d => Read(Path.Combine(d, "function.json")), StringComparer.Ordinal);
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The function's trigger binding (the one binding whose direction is <c>in</c>).</summary>
    public JsonElement Trigger(string function) =>
        Assert.Single(Functions[function].GetProperty("bindings").EnumerateArray(), b => b.GetProperty("direction").GetString() == "in");

    /// <summary>The functions whose trigger is of <paramref name="type"/>.</summary>
    public IEnumerable<string> OfType(string type) => Functions.Keys.Where(f => Trigger(f).GetProperty("type").GetString() == type).Order(StringComparer.Ordinal);

    private static JsonElement Read(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    }
}
