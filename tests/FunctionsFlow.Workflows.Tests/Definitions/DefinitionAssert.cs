using FunctionsFlow.Workflows.Definitions;

namespace FunctionsFlow.Workflows.Tests.Definitions;

internal static class DefinitionAssert
{
    /// <summary>Parses a definition that must be valid.</summary>
    public static WorkflowDefinition Valid(string text, string? contentType = null)
    {
        var result = WorkflowDefinitionParser.Parse(text, contentType);
        Assert.True(result.Succeeded, "Expected a valid definition but got:\n" + string.Join("\n", result.Errors));
        Assert.Empty(result.Errors);
        return result.Definition;
    }

    /// <summary>The errors of a definition that must be invalid, one "path (line L, column C): message" per item.</summary>
    public static string[] Errors(string text, string? contentType = null)
    {
        var result = WorkflowDefinitionParser.Parse(text, contentType);
        Assert.False(result.Succeeded);
        Assert.Null(result.Definition);
        Assert.NotEmpty(result.Errors);
        return [.. result.Errors.Select(error => error.ToString())];
    }

    /// <summary>A YAML definition with <paramref name="steps"/> (already indented as list items under <c>steps:</c>).</summary>
    public static string WithSteps(string steps) => "id: wf\nname: Test\nsteps:\n" + steps;
}
