using FunctionsFlow.Durable;
using FunctionsFlow.Workflows.Runtime;
using FunctionsFlow.Workflows.Sessions;
using FunctionsFlow.Workflows.Suspension;
using FunctionsFlow.Workflows.Variables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FunctionsFlow.Workflows;

/// <summary>Registers the workflow layer's entities and stores.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>Registers the built-in entities: scoped variables and sessions.</summary>
    public static DurableTaskRegistry AddWorkflowEntities(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddEntity<VariablesEntity>(VariableScope.EntityName)
            .AddEntity<SessionEntity>(SessionEntity.EntityName);
    }

    /// <summary>Registers the declarative-workflow interpreter and its activities, with the entities it uses.
    /// The container must provide an <see cref="IPublishedWorkflowSource"/> (for <c>call</c> steps).</summary>
    public static DurableTaskRegistry AddWorkflowInterpreter(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddWorkflowEntities()
            .AddOrchestrator<WorkflowOrchestrator>(WorkflowOrchestrator.Name)
            .AddActivity<HttpStepActivity>(HttpStepActivity.Name)
            .AddActivity<ResolveWorkflowActivity>(ResolveWorkflowActivity.Name)
            .AddActivity<IssueResumeKeyActivity>(IssueResumeKeyActivity.Name)
            .AddActivity<CloseResumeKeyActivity>(CloseResumeKeyActivity.Name);
    }

    /// <summary>Registers <see cref="VariableStore"/> and <see cref="SessionStore"/> (with default limits unless
    /// <see cref="VariableLimits"/> or <see cref="SessionLimits"/> are registered).</summary>
    public static IServiceCollection AddWorkflowStores(this IServiceCollection services)
    {
        services.TryAddSingleton(VariableLimits.Default);
        services.TryAddSingleton(SessionLimits.Default);
        services.TryAddSingleton<VariableStore>();
        services.TryAddSingleton<SessionStore>();
        services.TryAddSingleton(new WorkflowHttpOptions());
        services.TryAddSingleton(sp => new WorkflowHttpClient(sp.GetRequiredService<WorkflowHttpOptions>()));
        return services;
    }
}
