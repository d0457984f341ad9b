namespace FunctionsFlow.Workflows.Repository;

/// <summary>The content types a workflow's source may have.</summary>
public static class WorkflowContentTypes
{
    /// <summary>A YAML definition.</summary>
    public const string Yaml = "application/yaml";

    /// <summary>A JSON definition.</summary>
    public const string Json = "application/json";

    /// <summary>True for <see cref="Yaml"/> and <see cref="Json"/> (exactly, without parameters).</summary>
    public static bool IsSupported(string? contentType) => contentType is Yaml or Json;
}
