using System.Text.Json;

namespace FunctionsFlow.Cli.Infrastructure;

/// <summary>Reads what an option names as input: JSON in the argument, <c>@file</c> for a file's content, <c>-</c> for
/// standard input. JSON is checked here, so a typo is a usage error before anything is sent.</summary>
internal static class Inputs
{
    /// <summary>The text the value stands for, or null when the option was not given.</summary>
    public static string? ReadText(CliConsole console, string? value, string option)
    {
        if (value is null)
        {
            return null;
        }

        if (value == "-")
        {
            if (!console.InputRedirected)
            {
                throw CliException.Usage($"{option} - reads standard input, but standard input is a terminal: pipe the value in or give it in the argument.");
            }

            return console.Input.ReadToEnd();
        }

        return value.StartsWith('@') ? ReadFile(value[1..], option) : value;
    }

    /// <summary>The JSON the value stands for, checked, or null when the option was not given.</summary>
    public static string? ReadJson(CliConsole console, string? value, string option)
    {
        var text = ReadText(console, value, option);
        if (text is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return text;
        }
        catch (JsonException ex)
        {
            throw CliException.Usage($"{option} is not JSON: {ex.Message}", "Quote JSON for the shell, e.g. --input '{\"amount\": 250}'; a string is '\"text\"'; @file reads a file, - standard input.");
        }
    }

    public static string ReadFile(string path, string option)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw CliException.Usage($"{option}: cannot read '{path}': {ex.Message}");
        }
    }
}
