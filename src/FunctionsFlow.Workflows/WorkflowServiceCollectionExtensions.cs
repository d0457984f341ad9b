using FunctionsFlow.Durable;
using FunctionsFlow.Workflows.Runtime;
using FunctionsFlow.Workflows.Schedules;
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
        return registry.AddWorkflowEntities().AddInterpreterTasks();
    }

    /// <summary>The interpreter and its activities, without the entities (for a registry that has them already).</summary>
    internal static DurableTaskRegistry AddInterpreterTasks(this DurableTaskRegistry registry) => registry
        .AddOrchestrator<WorkflowOrchestrator>(WorkflowOrchestrator.Name)
        .AddActivity<HttpStepActivity>(HttpStepActivity.Name)
        .AddActivity<ResolveWorkflowActivity>(ResolveWorkflowActivity.Name)
        .AddActivity<IssueResumeKeyActivity>(IssueResumeKeyActivity.Name)
        .AddActivity<CloseResumeKeyActivity>(CloseResumeKeyActivity.Name);

    /// <summary>Registers the orchestration that drives each schedule and its tick activity.</summary>
    public static DurableTaskRegistry AddSchedules(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<ScheduleOrchestrator>(ScheduleOrchestrator.Name)
            .AddActivity<ScheduleTickActivity>(ScheduleTickActivity.Name);
    }

    /// <summary>Registers <see cref="ScheduleService"/>, <see cref="ScheduleTicker"/> and <see cref="WorkflowStarter"/> (with
    /// default <see cref="ScheduleOptions"/> unless registered). The container must provide a <see cref="ScheduleStore"/>
    /// and a <see cref="Repository.WorkflowRepository"/>.</summary>
    public static IServiceCollection AddScheduleServices(this IServiceCollection services)
    {
        services.TryAddSingleton(ScheduleOptions.Default);
        services.TryAddSingleton<WorkflowStarter>();
        services.TryAddSingleton<ScheduleTicker>();
        services.TryAddSingleton<ScheduleService>();
        return services;
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
