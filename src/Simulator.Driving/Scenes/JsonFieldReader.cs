using System.Text.Json;
using Simulator.Core;

namespace Simulator.Driving.Scenes;

/// <summary>
/// Typed, path-aware reads from a JSON object. Every problem becomes a <see cref="SimInputException"/> that names the
/// file, the JSON path and what is wrong; unknown properties are rejected with a did-you-mean suggestion so typos
/// never silently fall back to defaults.
/// </summary>
public readonly struct JsonFieldReader
{
    public JsonFieldReader(JsonElement element, string path, string? file)
    {
        Element = element;
        Path = path;
        File = file;
    }

    public JsonElement Element { get; }
    public string Path { get; }
    public string? File { get; }

    public static JsonFieldReader Object(JsonElement element, string path, string? file)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SimInputException($"expected an object but found {Describe(element)}", file, path);
        }
        return new JsonFieldReader(element, path, file);
    }

    public SimInputException Error(string problem, string? member = null, string? hint = null) =>
        new(problem, File, member is null ? Path : Child(member), hint: hint);

    public string Child(string member) => $"{Path}.{member}";

    public bool Has(string name) => Element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    /// <summary>Rejects properties not in <paramref name="known"/> (the one check that catches typos).</summary>
    public void RejectUnknown(params string[] known)
    {
        foreach (var p in Element.EnumerateObject())
        {
            if (System.Array.IndexOf(known, p.Name) < 0 && p.Name != "$schema" && p.Name != "comment")
            {
                string? near = Nearest(p.Name, known);
                throw new SimInputException($"unknown property '{p.Name}'", File, Child(p.Name),
                    hint: near is null ? "allowed: " + string.Join(", ", known) : $"did you mean '{near}'?");
            }
        }
    }

    public JsonFieldReader Obj(string name)
    {
        if (!Element.TryGetProperty(name, out var v))
        {
            throw Error($"missing required object '{name}'", name);
        }
        return Object(v, Child(name), File);
    }

    public JsonFieldReader? OptObj(string name) =>
        Element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? Object(v, Child(name), File) : null;

    public double Number(string name, double min, double max)
    {
        if (!Element.TryGetProperty(name, out var v))
        {
            throw Error($"missing required number '{name}'", name);
        }
        return ReadNumber(v, Child(name), min, max);
    }

    public double Number(string name, double defaultValue, double min, double max) =>
        Element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? ReadNumber(v, Child(name), min, max) : defaultValue;

    public int Int(string name, int defaultValue, int min, int max)
    {
        if (!Element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return defaultValue;
        }
        double d = ReadNumber(v, Child(name), min, max);
        if (d != Math.Floor(d))
        {
            throw new SimInputException($"expected a whole number but found {d}", File, Child(name));
        }
        return (int)d;
    }

    public bool Bool(string name, bool defaultValue)
    {
        if (!Element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return defaultValue;
        }
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new SimInputException($"expected true or false but found {Describe(v)}", File, Child(name)),
        };
    }

    public string String(string name)
    {
        if (!Element.TryGetProperty(name, out var v))
        {
            throw Error($"missing required string '{name}'", name);
        }
        return ReadString(v, Child(name));
    }

    public string? OptString(string name) =>
        Element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? ReadString(v, Child(name)) : null;

    public ulong Seed(string name, ulong defaultValue)
    {
        if (!Element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return defaultValue;
        }
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetUInt64(out ulong seed))
        {
            throw new SimInputException($"expected a non-negative whole number (seed) but found {Describe(v)}", File, Child(name));
        }
        return seed;
    }

    /// <summary>Reads an enum by case-insensitive name, listing the allowed names on error.</summary>
    public T Enum<T>(string name, T defaultValue) where T : struct, System.Enum
    {
        string? s = OptString(name);
        if (s is null)
        {
            return defaultValue;
        }
        if (System.Enum.TryParse<T>(s, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !char.IsDigit(s[0]))
        {
            return value;
        }
        string[] names = System.Enum.GetNames<T>();
        string? near = Nearest(s, names);
        throw new SimInputException($"unknown value '{s}'", File, Child(name),
            hint: (near is null ? "" : $"did you mean '{near}'? ") + "allowed: " + string.Join(", ", names));
    }

    public (double Min, double Max)? Range(string name, double min, double max)
    {
        if (!Element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        string path = Child(name);
        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() != 2)
        {
            throw new SimInputException($"expected a range [min, max] but found {Describe(v)}", File, path);
        }
        double lo = ReadNumber(v[0], path + "[0]", min, max);
        double hi = ReadNumber(v[1], path + "[1]", min, max);
        if (lo > hi)
        {
            throw new SimInputException($"range minimum {lo} is greater than its maximum {hi}", File, path);
        }
        return (lo, hi);
    }

    public Vec2 Point(JsonElement v, string path)
    {
        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() != 2)
        {
            throw new SimInputException($"expected a point [x, y] but found {Describe(v)}", File, path);
        }
        return new Vec2(ReadNumber(v[0], path + "[0]", -1e6, 1e6), ReadNumber(v[1], path + "[1]", -1e6, 1e6));
    }

    /// <summary>Enumerates an optional array of objects with their paths.</summary>
    public IEnumerable<JsonFieldReader> Array(string name, bool required = false)
    {
        if (!Element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                throw Error($"missing required array '{name}'", name);
            }
            yield break;
        }
        string path = Child(name);
        if (v.ValueKind != JsonValueKind.Array)
        {
            throw new SimInputException($"expected an array but found {Describe(v)}", File, path);
        }
        int i = 0;
        foreach (var item in v.EnumerateArray())
        {
            yield return Object(item, $"{path}[{i}]", File);
            i++;
        }
    }

    public JsonElement? RawArray(string name)
    {
        if (!Element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (v.ValueKind != JsonValueKind.Array)
        {
            throw new SimInputException($"expected an array but found {Describe(v)}", File, Child(name));
        }
        return v;
    }

    public double ReadNumber(JsonElement v, string path, double min, double max)
    {
        if (v.ValueKind != JsonValueKind.Number)
        {
            throw new SimInputException($"expected a number but found {Describe(v)}", File, path);
        }
        double d = v.GetDouble();
        if (!double.IsFinite(d))
        {
            throw new SimInputException("number is not finite", File, path);
        }
        if (d < min || d > max)
        {
            throw new SimInputException(FormattableString.Invariant($"value {d} is out of range [{min}, {max}]"), File, path);
        }
        return d;
    }

    private string ReadString(JsonElement v, string path)
    {
        if (v.ValueKind != JsonValueKind.String)
        {
            throw new SimInputException($"expected a string but found {Describe(v)}", File, path);
        }
        string s = v.GetString()!;
        if (s.Length == 0)
        {
            throw new SimInputException("string must not be empty", File, path);
        }
        return s;
    }

    public static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{Truncate(v.GetString()!)}\"",
        JsonValueKind.Number => $"the number {v.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {v.GetRawText()}",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";

    /// <summary>The known name closest to <paramref name="name"/> by edit distance, if reasonably close.</summary>
    public static string? Nearest(string name, IReadOnlyList<string> known)
    {
        string? best = null;
        int bestD = int.MaxValue;
        foreach (string k in known)
        {
            int d = EditDistance(name.ToLowerInvariant(), k.ToLowerInvariant());
            if (d < bestD)
            {
                bestD = d;
                best = k;
            }
        }
        return bestD <= Math.Max(2, name.Length / 3) ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        Span<int> prev = stackalloc int[b.Length + 1];
        Span<int> cur = stackalloc int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            cur.CopyTo(prev);
        }
        return prev[b.Length];
    }
}
