using Spectre.Console;

namespace FunctionsFlow.Cli.Infrastructure;

/// <summary>What a run of the tool reads and writes: standard output (results), standard error (messages, progress),
/// standard input, the environment and whether a person is at a terminal. Tests give it writers and a reader.</summary>
public sealed class CliConsole
{
    /// <summary>A console over the given streams; <paramref name="width"/> is where tables wrap.</summary>
    public CliConsole(
        TextWriter output,
        TextWriter error,
        TextReader input,
        bool inputRedirected,
        bool interactive,
        Func<string, string?> environment,
        int width = 160)
    {
        Output = output;
        Error = error;
        Input = input;
        InputRedirected = inputRedirected;
        Interactive = interactive;
        Environment = environment;
        Out = Create(output, interactive, width);
        Err = Create(error, interactive, width);
    }

    /// <summary>Standard output: what the command answers (a table, a tree, JSON).</summary>
    public TextWriter Output { get; }

    /// <summary>Standard error: errors, hints and progress, so output stays clean for a pipe.</summary>
    public TextWriter Error { get; }

    /// <summary>Standard input: piped data, secrets.</summary>
    public TextReader Input { get; }

    /// <summary>Standard input is a pipe or a file, not a terminal.</summary>
    public bool InputRedirected { get; }

    /// <summary>A person is at a terminal: live views, spinners and prompts are possible.</summary>
    public bool Interactive { get; }

    /// <summary>Reads an environment variable.</summary>
    public Func<string, string?> Environment { get; }

    /// <summary>Spectre's console over <see cref="Output"/>.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Spectre's console over <see cref="Error"/>.</summary>
    public IAnsiConsole Err { get; }

    /// <summary>The process's own console.</summary>
    public static CliConsole ForProcess()
    {
        var interactive = !Console.IsOutputRedirected && !Console.IsErrorRedirected && !Console.IsInputRedirected;
        var width = Console.IsOutputRedirected ? 200 : Math.Max(Console.WindowWidth, 80);
        return new CliConsole(Console.Out, Console.Error, Console.In, Console.IsInputRedirected, interactive, System.Environment.GetEnvironmentVariable, width);
    }

    private static IAnsiConsole Create(TextWriter writer, bool interactive, int width)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        return console;
    }
}
