namespace FunctionsFlow.Workflows.Definitions;

/// <summary>Where a <c>set</c> step writes its values.</summary>
public enum VariableScope
{
    /// <summary>The run's own variables, read as <c>vars.&lt;name&gt;</c> (the default).</summary>
    Run,

    /// <summary>The starting user's variables, read as <c>scopes.user.&lt;name&gt;</c>.</summary>
    User,

    /// <summary>The workflow's variables, shared by its executions, read as <c>scopes.workflow.&lt;name&gt;</c>.</summary>
    Workflow,

    /// <summary>The session named by the input's <c>sessionId</c>, read as <c>scopes.session.&lt;name&gt;</c>.</summary>
    Session,

    /// <summary>The variables every workflow sees, read as <c>scopes.global.&lt;name&gt;</c>.</summary>
    Global,
}
