using System.Text.Json;

namespace Simulator.Core;

public readonly partial struct JsonFieldReader
{
    /// <summary>Reads how every document of this kind is parsed: comments allowed, no trailing commas, no duplicate keys.</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
        AllowDuplicateProperties = false,
        MaxDepth = 64,
    };

    /// <summary>
    /// Parses <paramref name="json"/> and maps the line of every value; syntax errors (and an empty text) become
    /// input errors naming <paramref name="file"/> and the line. The caller disposes the document.
    /// </summary>
    public static JsonDocument Parse(string json, string file, out JsonLineMap lines, string emptyHint)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new SimInputException("the file is empty", file, "$", 1, emptyHint);
        }
        byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw SyntaxError(e, file);
        }
        lines = JsonLineMap.Build(utf8, DocumentOptions);
        return doc;
    }

    public double ReadNumber(JsonElement v, string path, double min, double max)
    {
        if (v.ValueKind != JsonValueKind.Number)
        {
            throw ErrorAt(path, $"expected a number, found {Describe(v)}", v.ValueKind == JsonValueKind.String ? "write numbers without quotes" : null);
        }
        if (!v.TryGetDouble(out double d) || !double.IsFinite(d))
        {
            throw ErrorAt(path, $"{Describe(v)} is not a finite number", $"use a value in [{Format(min)}, {Format(max)}]");
        }
        if (d < min || d > max)
        {
            throw ErrorAt(path, $"{Format(d)} is out of range", $"use a value in [{Format(min)}, {Format(max)}]");
        }
        return d;
    }

    public int ReadInt(JsonElement v, string path, int min, int max)
    {
        double d = ReadNumber(v, path, min, max);
        if (d != Math.Floor(d))
        {
            throw ErrorAt(path, $"expected a whole number, found {Format(d)}");
        }
        return (int)d;
    }

    public bool ReadBool(JsonElement v, string path) => v.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw ErrorAt(path, $"expected true or false, found {Describe(v)}"),
    };

    public string ReadString(JsonElement v, string path)
    {
        if (v.ValueKind != JsonValueKind.String)
        {
            throw ErrorAt(path, $"expected a string, found {Describe(v)}");
        }
        string s = v.GetString()!;
        if (string.IsNullOrWhiteSpace(s))
        {
            throw ErrorAt(path, "the string is empty", "give a value, or leave the field out");
        }
        return s;
    }

    public T ReadEnum<T>(JsonElement v, string path) where T : struct, System.Enum
    {
        string[] names = System.Enum.GetNames<T>();
        if (v.ValueKind != JsonValueKind.String)
        {
            throw ErrorAt(path, $"expected one of {string.Join(", ", names)}, found {Describe(v)}", "write the name as a string");
        }
        string s = v.GetString()!;
        foreach (string candidate in names)
        {
            if (string.Equals(candidate, s, StringComparison.OrdinalIgnoreCase))
            {
                return System.Enum.Parse<T>(candidate);
            }
        }
        throw ErrorAt(path, $"unknown value {Describe(v)}", NameHints.UnknownValue(s, names));
    }

    /// <summary>A vector written as <c>[x, y]</c>, each coordinate in [−<paramref name="limit"/>, <paramref name="limit"/>].</summary>
    public Vec2 ReadVec2(JsonElement v, string path, double limit = 1e6)
    {
        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() != 2)
        {
            throw ErrorAt(path, $"expected a vector [x, y] of two numbers, found {Describe(v)}");
        }
        return new Vec2(ReadNumber(v[0], path + "[0]", -limit, limit), ReadNumber(v[1], path + "[1]", -limit, limit));
    }
}
