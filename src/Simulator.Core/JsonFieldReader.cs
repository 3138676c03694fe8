using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Simulator.Core;

/// <summary>
/// The one path-aware reader of JSON configuration (scene files, component settings). Rules, the same everywhere:
/// numbers are finite JSON numbers inside the range the caller documents (strings, NaN and infinities are refused);
/// whole numbers have no fraction; strings are never empty or blank (leave the field out instead); unknown fields are
/// errors with a did-you-mean hint (<c>$schema</c> and <c>comment</c> are always allowed); null means "not given".
/// Every problem is a <see cref="SimInputException"/> naming the file, the JSON path and the line.
/// </summary>
public readonly partial struct JsonFieldReader
{
    /// <summary>Fields any object may carry without being read.</summary>
    public static readonly IReadOnlyList<string> AlwaysAllowed = ["$schema", "comment"];

    public JsonFieldReader(JsonElement element, string path, string? file, JsonLineMap? lines = null)
    {
        Element = element;
        Path = path;
        File = file;
        Lines = lines;
    }

    public JsonElement Element { get; }
    public string Path { get; }
    public string? File { get; }
    public JsonLineMap? Lines { get; }

    /// <summary>A reader for <paramref name="element"/>, which must be an object.</summary>
    public static JsonFieldReader Object(JsonElement element, string path, string? file, JsonLineMap? lines = null)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SimInputException($"expected an object, found {Describe(element)}", file, NameHints.OneLine(path), lines?.LineOf(path));
        }
        return new JsonFieldReader(element, path, file, lines);
    }

    /// <summary>An error at this object, or at its field <paramref name="member"/>.</summary>
    public SimInputException Error(string problem, string? member = null, string? hint = null) =>
        ErrorAt(member is null ? Path : Child(member), problem, hint);

    /// <summary>An error at any path inside this document.</summary>
    public SimInputException ErrorAt(string path, string problem, string? hint = null) =>
        new(NameHints.OneLine(problem), File, NameHints.OneLine(path), Lines?.LineOf(path), hint is null ? null : NameHints.OneLine(hint));

    public string Child(string member) => $"{Path}.{member}";

    /// <summary>Whether field <paramref name="name"/> is given (null counts as not given).</summary>
    public bool Has(string name) => TryGet(name, out _);

    public bool TryGet(string name, out JsonElement value) =>
        Element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>Rejects fields not in <paramref name="known"/> (the one check that catches typos).</summary>
    public void RejectUnknown(params string[] known)
    {
        foreach (var p in Element.EnumerateObject())
        {
            if (System.Array.IndexOf(known, p.Name) < 0 && !AlwaysAllowed.Contains(p.Name))
            {
                throw Error($"unknown field '{NameHints.Quote(p.Name)}'", p.Name, NameHints.UnknownKey(p.Name, known));
            }
        }
    }

    public JsonFieldReader Obj(string name) => Object(Require(name, "an object { ... }"), Child(name), File, Lines);

    public JsonFieldReader? OptObj(string name) => TryGet(name, out var v) ? Object(v, Child(name), File, Lines) : null;

    public double Number(string name, double min, double max) => ReadNumber(Require(name, "a number"), Child(name), min, max);

    public double Number(string name, double defaultValue, double min, double max) =>
        TryGet(name, out var v) ? ReadNumber(v, Child(name), min, max) : defaultValue;

    public int Int(string name, int min, int max) => ReadInt(Require(name, "a whole number"), Child(name), min, max);

    public int Int(string name, int defaultValue, int min, int max) =>
        TryGet(name, out var v) ? ReadInt(v, Child(name), min, max) : defaultValue;

    public bool Bool(string name) => ReadBool(Require(name, "true or false"), Child(name));

    public bool Bool(string name, bool defaultValue) => TryGet(name, out var v) ? ReadBool(v, Child(name)) : defaultValue;

    /// <summary>A required, non-blank string.</summary>
    public string String(string name) => ReadString(Require(name, "\"...\""), Child(name));

    /// <summary>An optional string: null when absent, an error when given but blank.</summary>
    public string? OptString(string name) => TryGet(name, out var v) ? ReadString(v, Child(name)) : null;

    /// <summary>A seed: a whole number in [0, 2^64 − 1].</summary>
    public ulong Seed(string name, ulong defaultValue)
    {
        if (!TryGet(name, out var v))
        {
            return defaultValue;
        }
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetUInt64(out ulong seed))
        {
            throw ErrorAt(Child(name), $"expected a seed (a whole number >= 0), found {Describe(v)}");
        }
        return seed;
    }

    /// <summary>An enum member by case-insensitive name; numbers are refused so files stay readable.</summary>
    public T Enum<T>(string name) where T : struct, System.Enum => ReadEnum<T>(Require(name, string.Join(" | ", System.Enum.GetNames<T>())), Child(name));

    public T Enum<T>(string name, T defaultValue) where T : struct, System.Enum =>
        TryGet(name, out var v) ? ReadEnum<T>(v, Child(name)) : defaultValue;

    /// <summary>An optional range <c>[min, max]</c> of numbers within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public (double Min, double Max)? Range(string name, double min, double max)
    {
        if (!TryGet(name, out var v))
        {
            return null;
        }
        string path = Child(name);
        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() != 2)
        {
            throw ErrorAt(path, $"expected a range [min, max], found {Describe(v)}");
        }
        double lo = ReadNumber(v[0], path + "[0]", min, max);
        double hi = ReadNumber(v[1], path + "[1]", min, max);
        if (lo > hi)
        {
            throw ErrorAt(path, $"range minimum {Format(lo)} is greater than its maximum {Format(hi)}", "write [min, max]");
        }
        return (lo, hi);
    }

    public Vec2 Vec2(string name, double limit = 1e6) => ReadVec2(Require(name, "[x, y]"), Child(name), limit);

    public Vec2 Vec2(string name, Vec2 defaultValue, double limit = 1e6) =>
        TryGet(name, out var v) ? ReadVec2(v, Child(name), limit) : defaultValue;

    /// <summary>Enumerates an array of objects with their paths (empty when absent unless <paramref name="required"/>).</summary>
    public IEnumerable<JsonFieldReader> Array(string name, bool required = false)
    {
        if (ArrayOf(name, required) is not { } v)
        {
            yield break;
        }
        int i = 0;
        foreach (var item in v.EnumerateArray())
        {
            yield return Object(item, $"{Child(name)}[{i}]", File, Lines);
            i++;
        }
    }

    /// <summary>The array in field <paramref name="name"/>, or null when absent (an error when required).</summary>
    public JsonElement? ArrayOf(string name, bool required = false)
    {
        if (!TryGet(name, out var v))
        {
            return required ? throw Error($"required field '{name}' is missing", name, $"add \"{name}\": [ ... ]") : null;
        }
        if (v.ValueKind != JsonValueKind.Array)
        {
            throw ErrorAt(Child(name), $"expected an array, found {Describe(v)}");
        }
        return v;
    }

    /// <summary>The non-blank strings of an optional array field.</summary>
    public string[] Strings(string name)
    {
        if (ArrayOf(name) is not { } v)
        {
            return [];
        }
        var result = new string[v.GetArrayLength()];
        int i = 0;
        foreach (var item in v.EnumerateArray())
        {
            result[i] = ReadString(item, $"{Child(name)}[{i}]");
            i++;
        }
        return result;
    }

    private JsonElement Require(string name, string example) =>
        TryGet(name, out var v) ? v : throw Error($"required field '{name}' is missing", name, $"add \"{name}\": {example}");

    private static string Format(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A JSON value as a short phrase for messages: <c>"fast"</c>, <c>12.5</c>, <c>an array</c>.</summary>
    public static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"\"{NameHints.Quote(v.GetString() ?? "")}\"",
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => NameHints.Quote(v.GetRawText()),
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>Turns a JSON syntax error into an input error with the line and without the parser's internals.</summary>
    public static SimInputException SyntaxError(JsonException e, string? file)
    {
        string problem = e.Message;
        foreach (string cut in (ReadOnlySpan<string>)[" Path:", " LineNumber:", "\n", "\r"])
        {
            int at = problem.IndexOf(cut, StringComparison.Ordinal);
            if (at > 0)
            {
                problem = problem[..at];
            }
        }
        var text = new StringBuilder(problem.Length);
        foreach (char c in problem.TrimEnd(' ', '.'))
        {
            text.Append(char.IsControl(c) ? ' ' : c);
        }
        return new SimInputException("invalid JSON: " + text, file, e.Path ?? "$", e.LineNumber is { } l ? l + 1 : null,
            "fix the syntax at that line", e);
    }
}
