using System.Globalization;
using System.Text.Json;
using FunctionsFlow.Workflows;

namespace FunctionsFlow.Host.Endpoints;

internal sealed partial class JsonFields
{
    /// <summary>The problems found so far, by JSON path.</summary>
    public IReadOnlyDictionary<string, string[]> Errors => _errors;

    /// <summary>True when the field is given (present and not <c>null</c>).</summary>
    public bool Has(string name) => TryGet(name, required: false, out _);

    /// <summary>Records a problem with the object as a whole (the first one is kept).</summary>
    public void AddObjectError(string message) => _errors.TryAdd(_path, [message]);

    /// <summary>Any JSON value, checked by <paramref name="check"/>.</summary>
    public JsonElement? Json(string name, Func<JsonElement, string?>? check = null) =>
        TryGet(name, required: false, out var value) && Passes(name, value, check) ? value.Clone() : null;

    /// <summary>A duration (<see cref="JsonDuration"/>) from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public TimeSpan? Duration(string name, TimeSpan min, TimeSpan max, bool required = false)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (!JsonDuration.TryRead(value, out var duration))
        {
            AddError(name, $"{name}: {JsonDuration.Rule}");
            return null;
        }

        return Passes(name, duration, d => d >= min && d <= max
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{name} must be between {min.TotalSeconds} seconds and {max.TotalDays} days."))
            ? duration
            : null;
    }

    /// <summary>One of the names of <typeparamref name="T"/>, in any case (numbers are not names).</summary>
    public T? Enum<T>(string name)
        where T : struct, Enum
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (text.Length > 0 && char.IsAsciiLetter(text[0]) && System.Enum.TryParse<T>(text, ignoreCase: true, out var parsed))
        {
            return parsed;
        }

        AddError(name, $"{name} is one of {string.Join(", ", System.Enum.GetNames<T>())}.");
        return null;
    }
}
