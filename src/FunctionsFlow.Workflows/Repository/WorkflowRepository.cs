using System.Globalization;
using FunctionsFlow.Storage;
using FunctionsFlow.Storage.Tables;

namespace FunctionsFlow.Workflows.Repository;

/// <summary>Workflows (a draft and immutable published versions per workflow, owned by a user) and templates, in
/// Table and Blob storage named after a task hub.</summary>
/// <remarks>Rows hold metadata; every source text lives in a blob the row names. Each blob is written once under a
/// fresh name before the row that points to it, so a reader never sees a row whose source is not there yet, and a
/// write that loses a race leaves at most an unreferenced blob. Heads are changed under their ETag only.
/// The definition is opaque here: parsing and validation happen before a source reaches the repository.</remarks>
public sealed partial class WorkflowRepository
{
    /// <summary>The largest source text, in UTF-8 bytes (1 MiB).</summary>
    public const int MaxSourceBytes = 1024 * 1024;

    /// <summary>The longest name of a workflow or template.</summary>
    public const int MaxNameLength = 256;

    /// <summary>The longest description of a workflow or template.</summary>
    public const int MaxDescriptionLength = 4096;

    private readonly TableClient _workflows;
    private readonly TableClient _templates;
    private readonly SourceBlobs _blobs;
    private readonly TimeProvider _time;

    /// <summary>Creates a repository over the tables and container of <paramref name="taskHubName"/>.</summary>
    /// <param name="factory">The storage account's clients.</param>
    /// <param name="taskHubName">The task hub whose name prefixes the tables and container.</param>
    /// <param name="timeProvider">The clock of created, updated and published times.</param>
    /// <exception cref="ArgumentException">The task hub name is not 3 to 45 letters and digits starting with a letter.</exception>
    public WorkflowRepository(StorageClientFactory factory, string taskHubName, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Names = new WorkflowStorageNames(taskHubName);
        _workflows = factory.GetTableClient(Names.WorkflowsTable);
        _templates = factory.GetTableClient(Names.TemplatesTable);
        _blobs = new SourceBlobs(factory.GetBlobContainerClient(Names.Container));
        _time = timeProvider;
    }

    /// <summary>The names of the tables and container.</summary>
    public WorkflowStorageNames Names { get; }

    /// <summary>Creates the tables and the container unless they exist.</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        await Task.WhenAll(
            _workflows.CreateIfNotExistsAsync(cancellationToken),
            _templates.CreateIfNotExistsAsync(cancellationToken),
            _blobs.Container.CreateIfNotExistsAsync(cancellationToken)).ConfigureAwait(false);

    /// <summary>Deletes the tables and the container with everything in them (for tests and tear-down).</summary>
    /// <remarks>Named apart from <see cref="DeleteAsync(string, string, CancellationToken)"/>, which deletes one workflow.</remarks>
    public async Task DeleteStorageAsync(CancellationToken cancellationToken = default) =>
        await Task.WhenAll(
            _workflows.DeleteAsync(cancellationToken),
            _templates.DeleteAsync(cancellationToken),
            _blobs.Container.DeleteAsync(cancellationToken)).ConfigureAwait(false);

    private static string NewWriteId() => Guid.NewGuid().ToString("N");

    private static void CheckOwner(string owner, string parameterName)
    {
        if (!OwnerIds.IsValid(owner))
        {
            throw new ArgumentException(OwnerIds.Rule, parameterName);
        }
    }

    private static void CheckText(string? text, int maxLength, bool required, string parameterName)
    {
        if (required)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(text, parameterName);
        }

        if (text is { Length: var length } && length > maxLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{parameterName} has {length} characters; at most {maxLength} are allowed."),
                parameterName);
        }
    }
}
