namespace FunctionsFlow.Workflows.Repository;

/// <summary>Which templates a listing shows.</summary>
public enum TemplateScope
{
    /// <summary>Every public template, whoever owns it.</summary>
    Public,

    /// <summary>The caller's own templates, public and private.</summary>
    Mine,
}
