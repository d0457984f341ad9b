using FunctionsFlow.Host.Endpoints;
using FunctionsFlow.Storage;
using FunctionsFlow.Storage.Codec;
using FunctionsFlow.Workflows;
using FunctionsFlow.Workflows.Repository;
using FunctionsFlow.Workflows.Runtime;
using FunctionsFlow.Workflows.Schedules;
using FunctionsFlow.Workflows.Suspension;
using Microsoft.Extensions.Options;

namespace FunctionsFlow.Host.Configuration;

/// <summary>The workflow layer: the repository in the task hub's storage (created at start), the stores of
/// variables and sessions, schedules, and where <c>call</c> steps find published workflows.</summary>
internal static class WorkflowSetup
{
    public static IServiceCollection AddWorkflows(this IServiceCollection services)
    {
        services.AddWorkflowStores();
        services.AddSingleton(sp => new WorkflowRepository(
            sp.GetRequiredService<StorageClientFactory>(),
            sp.GetRequiredService<IOptions<FunctionsFlowOptions>>().Value.TaskHub,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IPublishedWorkflowSource, RepositoryWorkflowSource>();
        services.AddSingleton(sp =>
        {
            var secret = sp.GetRequiredService<IConfiguration>()[HostSettings.SuspensionSecret];
            return new SuspensionStore(
                sp.GetRequiredService<StorageClientFactory>(),
                sp.GetRequiredService<IOptions<FunctionsFlowOptions>>().Value.TaskHub,
                sp.GetRequiredService<TimeProvider>(),
                string.IsNullOrEmpty(secret) ? null : Convert.FromBase64String(secret),
                sp.GetRequiredService<StateCodec>());
        });
        services.AddSingleton<ResumeRateLimiter>();
        services.AddSingleton<ResumeDelivery>();
        services.AddSingleton<SuspensionMaintenance>();
        services.AddHostedService<WorkflowStorageInitializer>();

        // After the initializer: hosted services start in order, and the re-arm sweep reads the schedules table at once.
        services.AddScheduling();
        return services;
    }

    /// <summary>Creates the tables and containers of workflows, suspension keys and schedules before anything uses them.</summary>
    private sealed class WorkflowStorageInitializer(WorkflowRepository repository, SuspensionStore suspensions, ScheduleStore schedules) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.WhenAll(
            repository.CreateIfNotExistsAsync(cancellationToken), suspensions.CreateIfNotExistsAsync(cancellationToken), schedules.CreateIfNotExistsAsync(cancellationToken));

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>The latest published version of a workflow, from the repository.</summary>
    private sealed class RepositoryWorkflowSource(WorkflowRepository repository) : IPublishedWorkflowSource
    {
        public async Task<ResolvedWorkflow?> GetLatestAsync(WorkflowReference reference, CancellationToken cancellationToken)
        {
            var head = await repository.GetRecordAsync(reference.Owner, reference.WorkflowId, cancellationToken).ConfigureAwait(false);
            if (head is not { LatestVersion: > 0 and var latest })
            {
                return null;
            }

            var version = await repository.GetVersionAsync(reference.Owner, reference.WorkflowId, latest, cancellationToken).ConfigureAwait(false);
            return version is null ? null : new ResolvedWorkflow(version.Number, version.Source);
        }
    }
}
