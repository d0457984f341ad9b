using Azure;
using FunctionsFlow.Storage;
using FunctionsFlow.Storage.Tables;

namespace FunctionsFlow.Workflows.Repository;

public sealed partial class WorkflowRepository
{
    /// <summary>The longest category or tag of a template.</summary>
    public const int MaxCategoryLength = 64;

    /// <summary>The most tags a template may have.</summary>
    public const int MaxTags = 32;

    /// <summary>Saves a copy of a workflow's current draft as a new template.</summary>
    /// <param name="owner">The template's owner, who must own the workflow.</param>
    /// <param name="fromWorkflowId">The workflow whose draft is copied.</param>
    /// <param name="name">The template's name.</param>
    /// <param name="category">Its category, if any (listings match it without case).</param>
    /// <param name="description">Its description, if any.</param>
    /// <param name="isPublic">True to show it to every user; false to keep it to its owner.</param>
    /// <param name="tags">Its tags, if any.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns>The new template (its <see cref="WorkflowTemplate.Id"/> names it from now on), or null when the owner
    /// has no workflow of that id.</returns>
    /// <exception cref="ArgumentException">The name, category, description or tags are not acceptable.</exception>
    public async Task<WorkflowTemplate?> SaveTemplateAsync(
        string owner,
        string fromWorkflowId,
        string name,
        string? category,
        string? description,
        bool isPublic,
        IReadOnlyList<string>? tags = null,
        CancellationToken cancellationToken = default)
    {
        CheckText(name, MaxNameLength, required: true, nameof(name));
        CheckText(category, MaxCategoryLength, required: false, nameof(category));
        CheckText(description, MaxDescriptionLength, required: false, nameof(description));
        tags ??= [];
        if (tags.Count > MaxTags)
        {
            throw new ArgumentException($"A template has at most {MaxTags} tags.", nameof(tags));
        }

        foreach (var tag in tags)
        {
            CheckText(tag, MaxCategoryLength, required: true, nameof(tags));
        }

        if (await GetAsync(owner, fromWorkflowId, cancellationToken).ConfigureAwait(false) is not { } workflow)
        {
            return null;
        }

        var source = SourceText.Create(workflow.Source);
        var template = new WorkflowTemplate(
            TemplateRows.NewId(), owner, name, category, description, isPublic, [.. tags], workflow.Workflow.ContentType, source.Hash,
            UsageCount: 0, _time.GetUtcNow());
        var blob = await _blobs.UploadAsync(SourceBlobs.Templates, source, template.ContentType, owner, template.Id, cancellationToken).ConfigureAwait(false);
        await _templates.AddEntityAsync(TemplateRows.ToEntity(template, blob), cancellationToken).ConfigureAwait(false);
        return template;
    }

    /// <summary>The templates <paramref name="caller"/> sees in a scope, by name: every public one, or the caller's own.</summary>
    /// <param name="caller">The user asking.</param>
    /// <param name="scope">Public templates, or the caller's own (public and private).</param>
    /// <param name="category">Only templates of this category (matched without case), or null for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IReadOnlyList<WorkflowTemplate>> ListTemplatesAsync(
        string caller, TemplateScope scope, string? category = null, CancellationToken cancellationToken = default)
    {
        CheckOwner(caller, nameof(caller));
        var templates = await _templates
            .QueryAllAsync(TemplateRows.Filter(caller, scope, category), cancellationToken: cancellationToken)
            .Select(TemplateRows.FromEntity)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return [.. templates.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ThenBy(t => t.Id, StringComparer.Ordinal)];
    }

    /// <summary>A template, or null when there is none of that id or it is another user's private one.</summary>
    public async Task<WorkflowTemplate?> GetTemplateAsync(string caller, string templateId, CancellationToken cancellationToken = default) =>
        (await ReadTemplateAsync(caller, templateId, cancellationToken).ConfigureAwait(false))?.Template;

    /// <summary>Hands out a template's source to start a new workflow from, counting the use.</summary>
    /// <returns>The template with the count this use made, and its source; null when the template is not there for
    /// <paramref name="caller"/>.</returns>
    /// <remarks>The count is raised under the row's ETag, retried until it applies, so concurrent uses all count.</remarks>
    public async Task<TemplateContent?> UseTemplateAsync(string caller, string templateId, CancellationToken cancellationToken = default)
    {
        if (await ReadTemplateAsync(caller, templateId, cancellationToken).ConfigureAwait(false) is not { } found ||
            await _blobs.DownloadAsync(found.Row.GetString("SourceBlob")!, cancellationToken).ConfigureAwait(false) is not { } source)
        {
            return null;
        }

        var (template, etag) = (found.Template, found.Row.ETag);

        var useId = NewWriteId();
        while (true)
        {
            var counted = new TableEntity(template.Id, TemplateRows.RowKey) { ["UsageCount"] = template.UsageCount + 1, ["LastUseId"] = useId };
            try
            {
                await _templates.UpdateEntityAsync(counted, etag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return new TemplateContent(template with { UsageCount = template.UsageCount + 1 }, source);
            }
            catch (StorageException ex) when (ex.IsPreconditionFailed || ex.IsNotFound)
            {
                if (await _templates.GetEntityIfExistsAsync(template.Id, TemplateRows.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false)
                    is not { } current)
                {
                    return null; // deleted meanwhile
                }

                template = TemplateRows.FromEntity(current);
                if (current.GetString("LastUseId") == useId)
                {
                    // A retried request whose first attempt was applied: this use is counted already.
                    return new TemplateContent(template, source);
                }

                etag = current.ETag;
            }
        }
    }

    /// <summary>Deletes a template of <paramref name="owner"/>'s; false when there is none of that id or another user owns it.</summary>
    public async Task<bool> DeleteTemplateAsync(string owner, string templateId, CancellationToken cancellationToken = default)
    {
        if (await ReadTemplateAsync(owner, templateId, cancellationToken).ConfigureAwait(false) is not { } found ||
            found.Template.Owner != owner)
        {
            return false;
        }

        var (template, row) = found;

        try
        {
            // The owner never changes, so any version of the row may go.
            await _templates.DeleteEntityAsync(template.Id, TemplateRows.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex) when (ex.IsNotFound)
        {
            return false;
        }

        await _blobs.DeleteUnreferencedAsync(row.GetString("SourceBlob"), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<(WorkflowTemplate Template, TableEntity Row)?> ReadTemplateAsync(
        string caller, string templateId, CancellationToken cancellationToken)
    {
        CheckOwner(caller, nameof(caller));
        if (!TemplateRows.IsWellFormedId(templateId) ||
            await _templates.GetEntityIfExistsAsync(templateId, TemplateRows.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false)
                is not { } row)
        {
            return null;
        }

        var template = TemplateRows.FromEntity(row);
        return template.IsVisibleTo(caller) ? (template, row) : null;
    }
}
