using System.Globalization;
using System.Text.Json;

namespace FunctionsFlow.Host.Endpoints;

/// <summary>Reads the fields of a JSON object body and collects one error per bad field, by JSON path
/// (<c>$.notifications.webhookUrl</c>), so that one 400 names every problem. A field that is absent or <c>null</c>
/// counts as not given.</summary>
internal sealed partial class JsonFields
{
    private readonly JsonElement _object;
    private readonly string _path;
    private readonly Dictionary<string, string[]> _errors;

    /// <summary>Reads <paramref name="body"/>, a JSON object.</summary>
    public JsonFields(JsonElement body)
        : this(body, "$", new Dictionary<string, string[]>(StringComparer.Ordinal))
    {
    }

    private JsonFields(JsonElement obj, string path, Dictionary<string, string[]> errors)
    {
        _object = obj;
        _path = path;
        _errors = errors;
    }

    /// <summary>True while no field was found bad.</summary>
    public bool IsValid => _errors.Count == 0;

    /// <summary>The 400 that names every bad field.</summary>
    public IResult Problem() => Problems.Invalid(_errors);

    /// <summary>Records a problem with <paramref name="name"/> (the first one per field is kept).</summary>
    public void AddError(string name, string message) => _errors.TryAdd($"{_path}.{name}", [message]);

    /// <summary>Marks every field not in <paramref name="known"/> as unknown, so typos do not pass silently.</summary>
    public void AllowOnly(params string[] known)
    {
        foreach (var property in _object.EnumerateObject().Where(p => !known.Contains(p.Name, StringComparer.Ordinal)))
        {
            AddError(property.Name, $"Unknown field; the fields are {string.Join(", ", known)}.");
        }
    }

    /// <summary>A string field, checked by <paramref name="check"/> (which returns the problem, or null).</summary>
    public string? String(string name, bool required = false, Func<string, string?>? check = null)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            AddError(name, $"{name} must be a string.");
            return null;
        }

        var text = value.GetString()!;
        return Passes(name, text, check) ? text : null;
    }

    /// <summary>A boolean field.</summary>
    public bool? Boolean(string name, bool required = false)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            AddError(name, $"{name} must be true or false.");
            return null;
        }

        return value.GetBoolean();
    }

    /// <summary>An ISO 8601 date and time with its offset (<c>2027-01-31T00:00:00Z</c>).</summary>
    public DateTimeOffset? Time(string name, Func<DateTimeOffset, string?>? check = null, bool required = false)
    {
        var text = String(name, required);
        if (text is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) || !HasOffset(text))
        {
            AddError(name, $"{name} must be an ISO 8601 date and time with an offset, such as 2027-01-31T00:00:00Z.");
            return null;
        }

        return Passes(name, time, check) ? time : null;
    }

    /// <summary>An array of at most <paramref name="max"/> strings, each checked by <paramref name="check"/>.</summary>
    public IReadOnlyList<string>? Strings(string name, int max, Func<string, string?> check)
    {
        if (!TryGet(name, required: false, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            AddError(name, $"{name} must be an array of strings.");
            return null;
        }

        var items = value.EnumerateArray().Select(v => v.GetString()!).ToList();
        if (items.Count > max)
        {
            AddError(name, $"{name} holds at most {max} items.");
            return null;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (check(items[i]) is { } problem)
            {
                AddError($"{name}[{i}]", problem);
                return null;
            }
        }

        return items;
    }

    /// <summary>A nested object whose fields are read with the same error list, or null when it is not given.</summary>
    public JsonFields? Object(string name)
    {
        if (!TryGet(name, required: false, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            AddError(name, $"{name} must be an object.");
            return null;
        }

        return new JsonFields(value, $"{_path}.{name}", _errors);
    }

    private bool TryGet(string name, bool required, out JsonElement value)
    {
        if (_object.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        if (required)
        {
            AddError(name, $"{name} is required.");
        }

        return false;
    }

    private bool Passes<T>(string name, T value, Func<T, string?>? check)
    {
        if (check?.Invoke(value) is { } problem)
        {
            AddError(name, problem);
            return false;
        }

        return true;
    }

    /// <summary>True when an ISO 8601 time names its offset (<c>Z</c> or <c>±hh:mm</c>), so it is one instant.</summary>
    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
}
