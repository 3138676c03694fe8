using System.Text.Json;
using Simulator.Core;

namespace Simulator.World;

/// <summary>
/// The settings of one component in a scene file: a JSON object plus where it came from (file, JSON path, lines), read
/// through the one configuration reader (<see cref="JsonFieldReader"/>) so component settings follow the same rules
/// as the rest of the scene: finite numbers in range, no blank strings, unknown fields refused with a did-you-mean
/// hint, every error naming file, JSON path and line. Required reads are <c>Require*</c>; optional ones
/// (<c>Optional*</c>) treat a missing field or null as the default. The element is only valid while the factory runs
/// (the loader disposes the document): read values, never keep it.
/// </summary>
public sealed class ComponentConfig
{
    private readonly JsonFieldReader _reader;

    public ComponentConfig(JsonElement element, string path, string? file = null, JsonLineMap? lines = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SimInputException($"expected an object, found {JsonFieldReader.Describe(element)}", file, path, lines?.LineOf(path),
                "write the component as { \"type\": \"Name\", ... }");
        }
        _reader = new JsonFieldReader(element, path, file, lines);
    }

    public JsonElement Element => _reader.Element;

    /// <summary>JSON path of this object, such as <c>$.entities[0].components[1]</c>.</summary>
    public string Path => _reader.Path;

    public string? File => _reader.File;

    public JsonLineMap? Lines => _reader.Lines;

    /// <summary>The <c>type</c> field, or null when absent.</summary>
    public string? TypeName => Element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;

    public bool Has(string name) => _reader.Has(name);

    public string PathOf(string name) => _reader.Child(name);

    /// <summary>An error about field <paramref name="name"/>, for checks the typed reads do not cover.</summary>
    public SimInputException Error(string name, string problem, string? hint = null) => _reader.Error(problem, name, hint);

    public double RequireDouble(string name, double min = double.MinValue, double max = double.MaxValue) => _reader.Number(name, min, max);

    public double OptionalDouble(string name, double defaultValue, double min = double.MinValue, double max = double.MaxValue) =>
        _reader.Number(name, defaultValue, min, max);

    public int RequireInt(string name, int min = int.MinValue, int max = int.MaxValue) => _reader.Int(name, min, max);

    public int OptionalInt(string name, int defaultValue, int min = int.MinValue, int max = int.MaxValue) =>
        _reader.Int(name, defaultValue, min, max);

    public bool RequireBool(string name) => _reader.Bool(name);

    public bool OptionalBool(string name, bool defaultValue) => _reader.Bool(name, defaultValue);

    /// <summary>A non-blank string.</summary>
    public string RequireString(string name) => _reader.String(name);

    /// <summary>A non-blank string, or <paramref name="defaultValue"/> when absent.</summary>
    public string? OptionalString(string name, string? defaultValue = null) => _reader.OptString(name) ?? defaultValue;

    /// <summary>An enum member by name (case-insensitive); numbers are rejected so files stay readable.</summary>
    public TEnum RequireEnum<TEnum>(string name) where TEnum : struct, Enum => _reader.Enum<TEnum>(name);

    public TEnum OptionalEnum<TEnum>(string name, TEnum defaultValue) where TEnum : struct, Enum => _reader.Enum(name, defaultValue);

    /// <summary>A vector written as <c>[x, y]</c> (metres, world frame).</summary>
    public Vec2 RequireVec2(string name) => _reader.Vec2(name);

    public Vec2 OptionalVec2(string name, Vec2 defaultValue) => _reader.Vec2(name, defaultValue);

    /// <summary>A nested object as its own config, with the path extended.</summary>
    public ComponentConfig RequireObject(string name) => new(_reader.Obj(name).Element, PathOf(name), File, Lines);

    /// <summary>
    /// Rejects fields other than <paramref name="known"/> (and <c>type</c>), so a typo in a scene file is an error
    /// rather than a silently ignored setting.
    /// </summary>
    public void RejectUnknownFields(params string[] known) => _reader.RejectUnknown(["type", .. known]);
}
