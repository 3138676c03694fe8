using System.Globalization;
using System.Text.Json;
using Simulator.Core;

namespace Simulator.World;

/// <summary>
/// The settings of one component in a scene file: a JSON object plus where it came from (file, JSON path), with
/// typed reads that fail with a <see cref="SimInputException"/> naming the file, the exact JSON path and the fix.
/// Required reads are <c>Require*</c>; optional ones (<c>Optional*</c>) treat a missing field or null as the default.
/// The element is only valid while the factory runs (the loader disposes the document): read values, never keep it.
/// </summary>
public sealed class ComponentConfig
{
    public ComponentConfig(JsonElement element, string path, string? file = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SimInputException($"expected a JSON object, found {Describe(element)}", file, path, hint: "write the component as { \"type\": \"Name\", ... }");
        }
        Element = element;
        Path = path;
        File = file;
    }

    public JsonElement Element { get; }

    /// <summary>JSON path of this object, such as <c>$.entities[0].components[1]</c>.</summary>
    public string Path { get; }

    public string? File { get; }

    /// <summary>The <c>type</c> field, or null when absent.</summary>
    public string? TypeName => Element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;

    public bool Has(string name) => TryGet(name, out _);

    public string PathOf(string name) => $"{Path}.{name}";

    /// <summary>An error about field <paramref name="name"/>, for checks the typed reads do not cover.</summary>
    public SimInputException Error(string name, string problem, string? hint = null) => new(problem, File, PathOf(name), hint: hint);

    public double RequireDouble(string name, double min = double.MinValue, double max = double.MaxValue) =>
        ReadDouble(name, Require(name, "a number"), min, max);

    public double OptionalDouble(string name, double defaultValue, double min = double.MinValue, double max = double.MaxValue) =>
        TryGet(name, out var value) ? ReadDouble(name, value, min, max) : defaultValue;

    public int RequireInt(string name, int min = int.MinValue, int max = int.MaxValue) =>
        ReadInt(name, Require(name, "an integer"), min, max);

    public int OptionalInt(string name, int defaultValue, int min = int.MinValue, int max = int.MaxValue) =>
        TryGet(name, out var value) ? ReadInt(name, value, min, max) : defaultValue;

    public bool RequireBool(string name) => ReadBool(name, Require(name, "true or false"));

    public bool OptionalBool(string name, bool defaultValue) => TryGet(name, out var value) ? ReadBool(name, value) : defaultValue;

    public string RequireString(string name) => ReadString(name, Require(name, "a string"));

    public string? OptionalString(string name, string? defaultValue = null) => TryGet(name, out var value) ? ReadString(name, value) : defaultValue;

    /// <summary>An enum member by name (case-insensitive); numbers are rejected so files stay readable.</summary>
    public TEnum RequireEnum<TEnum>(string name) where TEnum : struct, Enum => ReadEnum<TEnum>(name, Require(name, $"one of {EnumNames<TEnum>()}"));

    public TEnum OptionalEnum<TEnum>(string name, TEnum defaultValue) where TEnum : struct, Enum =>
        TryGet(name, out var value) ? ReadEnum<TEnum>(name, value) : defaultValue;

    /// <summary>A vector written as <c>[x, y]</c> (metres, world frame).</summary>
    public Vec2 RequireVec2(string name) => ReadVec2(name, Require(name, "[x, y]"));

    public Vec2 OptionalVec2(string name, Vec2 defaultValue) => TryGet(name, out var value) ? ReadVec2(name, value) : defaultValue;

    /// <summary>A nested object as its own config, with the path extended.</summary>
    public ComponentConfig RequireObject(string name) => new(Require(name, "an object"), PathOf(name), File);

    /// <summary>
    /// Rejects fields other than <paramref name="known"/> (and <c>type</c>), so a typo in a scene file is an error
    /// rather than a silently ignored setting.
    /// </summary>
    public void RejectUnknownFields(params ReadOnlySpan<string> known)
    {
        foreach (var property in Element.EnumerateObject())
        {
            if (property.NameEquals("type"))
            {
                continue;
            }
            bool found = false;
            foreach (var k in known)
            {
                if (property.NameEquals(k))
                {
                    found = true;
                    break;
                }
            }
            if (!found)
            {
                string allowed = known.IsEmpty ? "none besides \"type\"" : string.Join(", ", known.ToArray());
                throw Error(property.Name, $"unknown field '{property.Name}'", $"known fields: {allowed}");
            }
        }
    }

    private bool TryGet(string name, out JsonElement value) =>
        Element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private JsonElement Require(string name, string expected) =>
        TryGet(name, out var value) ? value : throw Error(name, $"required field '{name}' is missing", $"add \"{name}\": {expected}");

    private double ReadDouble(string name, JsonElement value, double min, double max)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double d) || !double.IsFinite(d))
        {
            throw Error(name, $"expected a number, found {Describe(value)}");
        }
        if (d < min || d > max)
        {
            throw Error(name, $"{Format(d)} is out of range", $"use a value in [{Format(min)}, {Format(max)}]");
        }
        return d;
    }

    private int ReadInt(string name, JsonElement value, int min, int max)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int i))
        {
            throw Error(name, $"expected an integer, found {Describe(value)}");
        }
        if (i < min || i > max)
        {
            throw Error(name, $"{i} is out of range", $"use an integer in [{min}, {max}]");
        }
        return i;
    }

    private bool ReadBool(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Error(name, $"expected true or false, found {Describe(value)}"),
    };

    private string ReadString(string name, JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error(name, $"expected a string, found {Describe(value)}");

    private TEnum ReadEnum<TEnum>(string name, JsonElement value) where TEnum : struct, Enum
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            string text = value.GetString()!;
            foreach (var candidate in Enum.GetNames<TEnum>())
            {
                if (string.Equals(candidate, text, StringComparison.OrdinalIgnoreCase))
                {
                    return Enum.Parse<TEnum>(candidate);
                }
            }
        }
        throw Error(name, $"{Describe(value)} is not a valid {typeof(TEnum).Name}", $"use one of {EnumNames<TEnum>()}");
    }

    private Vec2 ReadVec2(string name, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 2
            && value[0].ValueKind == JsonValueKind.Number && value[1].ValueKind == JsonValueKind.Number
            && value[0].TryGetDouble(out double x) && value[1].TryGetDouble(out double y)
            && double.IsFinite(x) && double.IsFinite(y))
        {
            return new Vec2(x, y);
        }
        throw Error(name, $"expected a vector [x, y] of two numbers, found {Describe(value)}");
    }

    private static string EnumNames<TEnum>() where TEnum : struct, Enum => string.Join(", ", Enum.GetNames<TEnum>());

    private static string Format(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    internal static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"\"{value.GetString()}\"",
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
