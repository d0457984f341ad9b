using System.Security.Claims;
using System.Text.Json;
using FunctionsFlow.Host.Security;
using FunctionsFlow.Workflows;
using FunctionsFlow.Workflows.Definitions;
using FunctionsFlow.Workflows.Repository;

namespace FunctionsFlow.Host.Endpoints;

/// <summary><c>/api/workflows</c>: the caller's workflow definitions (drafts, published versions, templates).
/// Another user's workflow answers 404.</summary>
internal static partial class WorkflowEndpoints
{
    public static RouteGroupBuilder MapWorkflowEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/workflows").WithTags("Workflows");
        group.MapPut("/{workflowId}", Save).WithName("SaveWorkflow");
        group.MapGet("/", List).WithName("ListWorkflows");
        group.MapGet("/{workflowId}", Get).WithName("GetWorkflow");
        group.MapPost("/{workflowId}/publish", Publish).WithName("PublishWorkflow");
        group.MapDelete("/{workflowId}", Delete).WithName("DeleteWorkflow");
        group.MapPost("/{workflowId}/template", SaveTemplate).WithName("SaveWorkflowAsTemplate");
        group.MapPost("/{workflowId}/executions", StartExecution).WithName("StartWorkflowExecution").RefusedInEmergency();
        return group;
    }

    public static async Task<IResult> Save(string workflowId, HttpRequest request, ClaimsPrincipal user, WorkflowRepository repository, CancellationToken ct)
    {
        if (!WorkflowIds.IsValid(workflowId))
        {
            return Problems.Invalid("workflowId", WorkflowIds.Rule);
        }

        var (source, contentType, problem) = await DefinitionBody.ReadAsync(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var parsed = WorkflowDefinitionParser.Parse(source!, contentType);
        if (parsed.Definition is not { } definition)
        {
            return DefinitionBody.Invalid(parsed.Errors);
        }

        if (definition.Id != workflowId)
        {
            return Problems.Invalid("$.id", $"The definition's id '{definition.Id}' must be the id in the route, '{workflowId}'.");
        }

        try
        {
            var saved = await repository.SaveDraftAsync(Caller.From(user)!.UserId, workflowId, definition.Name, definition.Description, source!, contentType!, IfMatch(request), ct).ConfigureAwait(false);
            request.HttpContext.Response.Headers.ETag = Quote(saved.Workflow.ETag);
            var body = WorkflowSummary.From(saved.Workflow);
            return saved.Created ? TypedResults.Created($"/api/workflows/{workflowId}", body) : TypedResults.Ok(body);
        }
        catch (WorkflowConcurrencyException)
        {
            return TypedResults.Problem("The workflow changed since the ETag in If-Match was read.", statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition failed");
        }
        catch (WorkflowSourceTooLargeException ex)
        {
            return Problems.TooLarge(ex.Message);
        }
    }

    public static async Task<IResult> List(string? state, int? top, string? continuationToken, HttpContext http, ClaimsPrincipal user, WorkflowRepository repository, CancellationToken ct)
    {
        WorkflowState? wanted = null;
        if (state is not null)
        {
            if (!Enum.TryParse<WorkflowState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Problems.Invalid("state", "state is Draft or Published.");
            }

            wanted = parsed;
        }

        return await ListPages.AnswerAsync(http, top, continuationToken, async size =>
        {
            var page = await repository.ListAsync(Caller.From(user)!.UserId, wanted, size, continuationToken, ct).ConfigureAwait(false);
            return (new WorkflowList([.. page.Items.Select(WorkflowSummary.From)], page.ContinuationToken), page.ContinuationToken);
        }).ConfigureAwait(false);
    }

    public static async Task<IResult> Get(string workflowId, HttpContext http, ClaimsPrincipal user, WorkflowRepository repository, CancellationToken ct)
    {
        var detail = WorkflowIds.IsValid(workflowId) ? await repository.GetAsync(Caller.From(user)!.UserId, workflowId, ct).ConfigureAwait(false) : null;
        if (detail is null)
        {
            return NotFound(workflowId);
        }

        http.Response.Headers.ETag = Quote(detail.Workflow.ETag);
        return TypedResults.Ok(WorkflowView.From(detail));
    }

    public static async Task<IResult> Publish(string workflowId, ClaimsPrincipal user, WorkflowRepository repository, CancellationToken ct)
    {
        var owner = Caller.From(user)!.UserId;
        var version = WorkflowIds.IsValid(workflowId) ? await repository.PublishAsync(owner, workflowId, ct).ConfigureAwait(false) : null;
        return version is { } number
            ? TypedResults.Ok(new PublishAnswer(workflowId, WorkflowState.Published, number))
            : NotFound(workflowId);
    }

    public static async Task<IResult> Delete(string workflowId, ClaimsPrincipal user, WorkflowRepository repository, CancellationToken ct) =>
        WorkflowIds.IsValid(workflowId) && await repository.DeleteAsync(Caller.From(user)!.UserId, workflowId, ct).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : NotFound(workflowId);

    public static async Task<IResult> SaveTemplate(string workflowId, HttpRequest request, ClaimsPrincipal user, WorkflowRepository repository, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, cancellationToken: ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (body is not { ValueKind: JsonValueKind.Object } spec)
        {
            return Problems.Invalid("$", "The body must be a JSON object {name, category, description, isPublic, tags}.");
        }

        if (!TryText(spec, "name", out var name) || string.IsNullOrWhiteSpace(name))
        {
            return Problems.Invalid("$.name", "name is required: the template's name.");
        }

        if (!TryText(spec, "category", out var category) || !TryText(spec, "description", out var description))
        {
            return Problems.Invalid(TryText(spec, "category", out _) ? "$.description" : "$.category", "Must be a string.");
        }

        var isPublic = spec.TryGetProperty("isPublic", out var p) && p.ValueKind == JsonValueKind.True;
        if (spec.TryGetProperty("isPublic", out p) && p.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
        {
            return Problems.Invalid("$.isPublic", "isPublic is true or false.");
        }

        List<string> tags = [];
        if (spec.TryGetProperty("tags", out var t) && t.ValueKind != JsonValueKind.Null)
        {
            if (t.ValueKind != JsonValueKind.Array || t.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
            {
                return Problems.Invalid("$.tags", "tags is an array of strings.");
            }

            tags = [.. t.EnumerateArray().Select(x => x.GetString()!)];
        }

        try
        {
            var template = WorkflowIds.IsValid(workflowId)
                ? await repository.SaveTemplateAsync(Caller.From(user)!.UserId, workflowId, name!, category, description, isPublic, tags, ct).ConfigureAwait(false)
                : null;
            return template is null
                ? NotFound(workflowId)
                : TypedResults.Created($"/api/templates/{template.Id}", new TemplateCreated(template.Id));
        }
        catch (ArgumentException ex)
        {
            return Problems.Invalid("$." + (ex.ParamName ?? "name"), ex.Message.Split(" (Parameter", 2)[0]);
        }
    }

    internal static IResult NotFound(string workflowId) => Problems.NotFound($"No workflow '{workflowId}' was found.");

    private static bool TryText(JsonElement spec, string name, out string? value)
    {
        value = null;
        if (!spec.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        value = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        return element.ValueKind == JsonValueKind.String;
    }

    private static string? IfMatch(HttpRequest request) =>
        request.Headers.IfMatch.ToString() is { Length: > 0 } value ? value.Trim().Trim('"') : null;

    private static string Quote(string etag) => "\"" + etag + "\"";

    internal sealed record WorkflowSummary(string Id, string Name, string? Description, WorkflowState State, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
    {
        public static WorkflowSummary From(WorkflowRecord r) => new(r.Id, r.Name, r.Description, r.State, r.LatestVersion, r.CreatedAt, r.UpdatedAt);
    }

    internal sealed record WorkflowList(IReadOnlyList<WorkflowSummary> Items, string? ContinuationToken);

    internal sealed record VersionView(int Version, DateTimeOffset PublishedAt);

    internal sealed record WorkflowView(
        string Id, string Name, string? Description, WorkflowState State, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
        string ContentType, string Definition, IReadOnlyList<VersionView> Versions)
    {
        public static WorkflowView From(WorkflowDetail d) => new(
            d.Workflow.Id, d.Workflow.Name, d.Workflow.Description, d.Workflow.State, d.Workflow.LatestVersion, d.Workflow.CreatedAt, d.Workflow.UpdatedAt,
            d.Workflow.ContentType, d.Source, [.. d.Versions.Select(v => new VersionView(v.Number, v.PublishedAt))]);
    }

    internal sealed record PublishAnswer(string Id, WorkflowState State, int Version);

    internal sealed record TemplateCreated(string TemplateId);
}
