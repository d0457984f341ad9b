using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FunctionsFlow.Workflows.Schedules;

/// <summary>Schedule ids, and the instance ids derived from them: of a schedule's driving orchestration, and of the
/// execution each due time starts.</summary>
public static class ScheduleIds
{
    /// <summary>The rule, as said to a caller who broke it.</summary>
    public const string Rule = "A schedule id is 1 to 64 ASCII letters, digits, '-', '_' and '.', starting with a letter or a digit.";

    /// <summary>True when <paramref name="id"/> follows <see cref="Rule"/> (the characters of a workflow id).</summary>
    public static bool IsValid(string? id) => WorkflowIds.IsValid(id);

    /// <summary>A fresh random id.</summary>
    public static string NewId() => "s" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    /// <summary>A fresh generation (see <see cref="Schedule.Generation"/>).</summary>
    public static string NewGeneration() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>The instance id of the orchestration that drives an owner's schedule: the same for a schedule made
    /// again under a deleted one's id, so one orchestration at most ever drives it.</summary>
    public static string DriverInstanceId(string owner, string id) => "schedule-" + Hash(owner, id)[..32];

    /// <summary>The execution id of the run of a schedule due at <paramref name="dueAt"/>: starting it twice is
    /// refused by the engine, so one due time never starts two executions.</summary>
    public static string ExecutionId(string owner, string id, string generation, DateTimeOffset dueAt) =>
        "sched-" + Hash(owner, id, generation)[..20] + "-" + dueAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Hash(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))));
}
