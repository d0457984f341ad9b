using System.Globalization;

namespace FunctionsFlow.Workflows.Schema;

/// <summary>The errors of one validation, capped so a hostile instance cannot make the list itself the problem.</summary>
internal sealed class SchemaErrorList
{
    private readonly List<SchemaError> _errors = [];

    /// <summary>The most errors one validation reports.</summary>
    public const int MaxErrors = 100;

    /// <summary>True once the cap is reached: validation may stop.</summary>
    public bool IsFull => _errors.Count >= MaxErrors;

    /// <summary>Adds an error at <paramref name="path"/>, unless the list is full.</summary>
    public void Add(JsonPath path, string message)
    {
        if (!IsFull)
        {
            _errors.Add(new SchemaError(path.ToString(), message));
        }
    }

    /// <summary>The errors, with a last one saying so when the cap cut the list short.</summary>
    public IReadOnlyList<SchemaError> ToList() => IsFull
        ? [.. _errors, new SchemaError("$", string.Create(CultureInfo.InvariantCulture, $"validation stopped after {MaxErrors} errors"))]
        : [.. _errors];
}
