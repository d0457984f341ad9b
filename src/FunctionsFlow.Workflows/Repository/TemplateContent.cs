namespace FunctionsFlow.Workflows.Repository;

/// <summary>A template as used: its metadata (with the usage count this use made) and its source.</summary>
/// <param name="Template">The template, its <see cref="WorkflowTemplate.UsageCount"/> counting this use.</param>
/// <param name="Source">The source text to start a new draft from.</param>
public sealed record TemplateContent(WorkflowTemplate Template, string Source);
