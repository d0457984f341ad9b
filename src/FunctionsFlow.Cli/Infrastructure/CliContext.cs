using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FunctionsFlow.Cli.Infrastructure;

/// <summary>One command's run: its parsed command line, the console, the output format and the API client (made on
/// first use, so commands that call nothing need no host).</summary>
internal sealed class CliContext : IDisposable
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Func<ApiClient> _createApi;
    private ApiClient? _api;

    public CliContext(ParseResult result, CliConsole console, OutputFormat format, Func<ApiClient> createApi, CancellationToken cancellationToken)
    {
        Result = result;
        Console = console;
        Format = format;
        _createApi = createApi;
        CancellationToken = cancellationToken;
    }

    public ParseResult Result { get; }

    public CliConsole Console { get; }

    public OutputFormat Format { get; }

    public bool Json => Format == OutputFormat.Json;

    public CancellationToken CancellationToken { get; }

    public ApiClient Api => _api ??= _createApi();

    public T? Get<T>(Option<T> option) => Result.GetValue(option);

    public T? Get<T>(Argument<T> argument) => Result.GetValue(argument);

    /// <summary>Prints a JSON value, indented, on standard output.</summary>
    public void WriteJson(JsonElement value) => Console.Output.WriteLine(JsonSerializer.Serialize(value, Indented));

    public void WriteJson<T>(T value) => Console.Output.WriteLine(JsonSerializer.Serialize(value, Indented));

    /// <summary>Prints the answer as JSON in JSON mode, or else renders it for people.</summary>
    public void Write(JsonElement value, Action<JsonElement> render)
    {
        if (Json)
        {
            WriteJson(value);
        }
        else
        {
            render(value);
        }
    }

    /// <summary>A sentence for people on standard output (nothing in JSON mode, where the command prints JSON).</summary>
    public void Say(string text)
    {
        if (!Json)
        {
            Console.Out.Write(new Text(text + System.Environment.NewLine));
        }
    }

    /// <summary>A note on standard error: progress, hints. Never part of the answer.</summary>
    public void Note(string text) => Console.Err.Write(new Text(text + System.Environment.NewLine));

    public void Render(IRenderable renderable) => Console.Out.Write(renderable);

    public void Dispose() => _api?.Dispose();
}
