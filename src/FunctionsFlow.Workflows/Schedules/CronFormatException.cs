namespace FunctionsFlow.Workflows.Schedules;

/// <summary>A cron expression that cannot be parsed.</summary>
/// <remarks>The message names the expression, the field at fault (<see cref="Field"/>), the offending text and
/// what the field allows, so it can be shown to whoever wrote the schedule as it is.</remarks>
public sealed class CronFormatException : FormatException
{
    /// <summary>Creates an exception for a fault in one field, or in the expression as a whole.</summary>
    public CronFormatException(string message, string? field)
        : base(message)
    {
        Field = field;
    }

    /// <summary>Creates an exception that names no field.</summary>
    public CronFormatException()
        : this("The cron expression is not valid.", field: null)
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public CronFormatException(string message)
        : this(message, field: null)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    public CronFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The field at fault (<c>second</c>, <c>minute</c>, <c>hour</c>, <c>day</c>, <c>month</c> or
    /// <c>day-of-week</c>), or null when the expression as a whole is malformed (for example, the field count).</summary>
    public string? Field { get; }
}
