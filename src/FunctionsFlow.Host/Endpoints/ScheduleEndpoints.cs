using System.Security.Claims;
using FunctionsFlow.Host.Security;
using FunctionsFlow.Workflows.Runtime;
using FunctionsFlow.Workflows.Schedules;
using FunctionsFlow.Workflows.Schema;

namespace FunctionsFlow.Host.Endpoints;

/// <summary><c>/api/schedules</c>: the caller's schedules. Another user's schedule answers 404.</summary>
internal static class ScheduleEndpoints
{
    public static RouteGroupBuilder MapScheduleEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/schedules").WithTags("Schedules");
        group.MapPost("/", Create).WithName("CreateSchedule");
        group.MapGet("/", List).WithName("ListSchedules");
        group.MapGet("/{id}", Get).WithName("GetSchedule");
        group.MapPost("/{id}/pause", Pause).WithName("PauseSchedule");
        group.MapPost("/{id}/resume", Resume).WithName("ResumeSchedule");
        group.MapDelete("/{id}", Delete).WithName("DeleteSchedule");
        return group;
    }

    public static async Task<IResult> Create(HttpRequest request, ClaimsPrincipal user, ScheduleService schedules, TimeProvider time, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(request, cancellationToken: ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var fields = new JsonFields(body!.Value);
        if (ScheduleBody.Read(fields, time.GetUtcNow(), schedules.Options) is not { } spec)
        {
            return fields.Problem();
        }

        var caller = Caller.From(user)!;
        var created = await schedules.CreateAsync(caller.UserId, spec, caller.IsAdmin, ct).ConfigureAwait(false);
        return created switch
        {
            { Schedule: { } schedule } => TypedResults.Created($"/api/schedules/{schedule.Id}", new ScheduleCreated(schedule.Id, schedule.Progress.NextRunAt)),
            { IdTaken: true } => Problems.Conflict($"A schedule '{spec.Id}' already exists."),
            { Refused: { Refusal: WorkflowStartRefusal.NotFound } refused } => Problems.NotFound(refused.RefusalMessage!),
            { Refused: { Refusal: WorkflowStartRefusal.NotPublished } refused } => Problems.Conflict(refused.RefusalMessage!),
            { Refused: { } refused } => Problems.SchemaInvalid(refused.InputErrors.Select(InInput), "The input does not match the workflow's input schema."),
            _ => throw new InvalidOperationException("A creation is a schedule, a taken id or a refusal."),
        };
    }

    public static Task<IResult> List(int? top, string? continuationToken, HttpContext http, ClaimsPrincipal user, ScheduleService schedules, CancellationToken ct) =>
        ListPages.AnswerAsync(http, top, continuationToken, async size =>
        {
            var page = await schedules.ListAsync(Caller.From(user)!.UserId, size, continuationToken, ct).ConfigureAwait(false);
            return (new ScheduleList([.. page.Items.Select(s => ScheduleView.From(s, withRuns: false))], page.ContinuationToken), page.ContinuationToken);
        });

    public static async Task<IResult> Get(string id, ClaimsPrincipal user, ScheduleService schedules, CancellationToken ct) =>
        Answer(id, await schedules.GetAsync(Caller.From(user)!.UserId, id, ct).ConfigureAwait(false));

    public static async Task<IResult> Pause(string id, ClaimsPrincipal user, ScheduleService schedules, CancellationToken ct) =>
        Changed(id, await schedules.PauseAsync(Caller.From(user)!.UserId, id, ct).ConfigureAwait(false));

    public static async Task<IResult> Resume(string id, ClaimsPrincipal user, ScheduleService schedules, CancellationToken ct) =>
        Changed(id, await schedules.ResumeAsync(Caller.From(user)!.UserId, id, ct).ConfigureAwait(false));

    public static async Task<IResult> Delete(string id, ClaimsPrincipal user, ScheduleService schedules, CancellationToken ct) =>
        await schedules.DeleteAsync(Caller.From(user)!.UserId, id, ct).ConfigureAwait(false) ? TypedResults.NoContent() : NotFound(id);

    /// <summary>A pause or resume: a completed schedule has nothing left to pause or resume.</summary>
    private static IResult Changed(string id, Schedule? schedule) => schedule is { Status: ScheduleStatus.Completed }
        ? Problems.Conflict($"Schedule '{id}' has completed: it has no due time left to pause or resume.")
        : Answer(id, schedule);

    private static IResult Answer(string id, Schedule? schedule) =>
        schedule is null ? NotFound(id) : TypedResults.Ok(ScheduleView.From(schedule, withRuns: true));

    private static IResult NotFound(string id) => Problems.NotFound($"There is no schedule '{id}'.");

    /// <summary>A schema error of the input, at its path in the request body.</summary>
    private static SchemaError InInput(SchemaError error) => error with { Path = "$.input" + error.Path[1..] };
}
