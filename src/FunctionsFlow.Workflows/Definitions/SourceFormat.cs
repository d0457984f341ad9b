namespace FunctionsFlow.Workflows.Definitions;

/// <summary>The syntax a definition was written in.</summary>
public enum SourceFormat
{
    /// <summary>YAML 1.2 (the core schema: <c>yes</c> is a string, <c>true</c> a boolean).</summary>
    Yaml,

    /// <summary>JSON (RFC 8259, no comments or trailing commas).</summary>
    Json,
}
