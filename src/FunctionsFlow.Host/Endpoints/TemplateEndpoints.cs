using System.Security.Claims;
using System.Text.Json;
using FunctionsFlow.Host.Security;
using FunctionsFlow.Workflows;
using FunctionsFlow.Workflows.Definitions;
using FunctionsFlow.Workflows.Repository;

namespace FunctionsFlow.Host.Endpoints;

/// <summary><c>/api/templates</c>: public templates and the caller's own; a new draft from a template.</summary>
internal static class TemplateEndpoints
{
    public static RouteGroupBuilder MapTemplateEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/templates").WithTags("Templates");
        group.MapGet("/", List).WithName("ListTemplates");
        group.MapPost("/{templateId}/workflows", CreateWorkflow).WithName("CreateWorkflowFromTemplate");
        return group;
    }

    public static async Task<IResult> List(string? scope, string? category, ClaimsPrincipal user, WorkflowRepository repository, CancellationToken ct)
    {
        var which = TemplateScope.Public;
        if (scope is not null && (!Enum.TryParse(scope, ignoreCase: true, out which) || !Enum.IsDefined(which)))
        {
            return Problems.Invalid("scope", "scope is public or mine.");
        }

        var items = await repository.ListTemplatesAsync(Caller.From(user)!.UserId, which, category, ct).ConfigureAwait(false);
        return TypedResults.Ok(new { items = items.Select(TemplateView.From) });
    }

    /// <summary>A new draft from a template: the template's definition with the new id (and name, when given).</summary>
    public static async Task<IResult> CreateWorkflow(string templateId, HttpRequest request, ClaimsPrincipal user, WorkflowRepository repository, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, cancellationToken: ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (body is not { ValueKind: JsonValueKind.Object } spec || !spec.TryGetProperty("workflowId", out var idValue) || idValue.ValueKind != JsonValueKind.String)
        {
            return Problems.Invalid("$.workflowId", "workflowId is required: the id of the new workflow.");
        }

        var workflowId = idValue.GetString()!;
        if (!WorkflowIds.IsValid(workflowId))
        {
            return Problems.Invalid("$.workflowId", WorkflowIds.Rule);
        }

        string? name = null;
        if (spec.TryGetProperty("name", out var nameValue) && nameValue.ValueKind != JsonValueKind.Null)
        {
            if (nameValue.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(nameValue.GetString()))
            {
                return Problems.Invalid("$.name", "name is a non-empty string.");
            }

            name = nameValue.GetString();
        }

        var owner = Caller.From(user)!.UserId;
        if (await repository.GetRecordAsync(owner, workflowId, ct).ConfigureAwait(false) is not null)
        {
            return Problems.Conflict($"You already have a workflow '{workflowId}'.");
        }

        var content = await repository.UseTemplateAsync(owner, templateId, ct).ConfigureAwait(false);
        if (content is null || WorkflowDefinitionParser.Parse(content.Source, content.Template.ContentType).Definition is not { } definition)
        {
            return Problems.NotFound($"No template '{templateId}' was found.");
        }

        // The copy is stored in the definition's normal JSON form with the new id and name.
        var json = definition.ToJson();
        json["id"] = workflowId;
        if (name is not null)
        {
            json["name"] = name;
        }

        var source = json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        var saved = await repository.SaveDraftAsync(owner, workflowId, name ?? definition.Name, definition.Description, source, WorkflowContentTypes.Json, cancellationToken: ct).ConfigureAwait(false);
        return TypedResults.Created($"/api/workflows/{workflowId}", WorkflowEndpoints.WorkflowSummary.From(saved.Workflow));
    }

    internal sealed record TemplateView(string TemplateId, string Name, string? Category, string? Description, bool IsPublic, IReadOnlyList<string> Tags, int UsageCount, string Owner, DateTimeOffset CreatedAt)
    {
        public static TemplateView From(WorkflowTemplate t) => new(t.Id, t.Name, t.Category, t.Description, t.IsPublic, t.Tags, t.UsageCount, t.Owner, t.CreatedAt);
    }
}
