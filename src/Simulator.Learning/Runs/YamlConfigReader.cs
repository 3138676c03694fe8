using System.Globalization;
using System.Reflection;
using Simulator.Core;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization.NamingConventions;

namespace Simulator.Learning.Runs;

/// <summary>
/// Reads a YAML config into a settings record with the same rules as scene files (<see cref="JsonFieldReader"/>):
/// snake_case keys mapped to the record's properties; unknown keys refused with a did-you-mean hint; numbers finite,
/// unquoted and inside the property's <see cref="ConfigRangeAttribute"/>; no blank strings; an empty file, or one that
/// is not a mapping, is an error. Every error names the file, the key path (<c>ppo.learning_rate</c>) and the line,
/// and never shows the YAML library's internals.
/// </summary>
internal sealed partial class YamlConfigReader
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);
    private readonly string? _file;

    private YamlConfigReader(string? file) => _file = file;

    /// <summary>Parses and binds <paramref name="yaml"/>; <paramref name="lineOf"/> then finds the line of any key path.</summary>
    public static T Read<T>(string yaml, string? file, string hint, out Func<string?, int?> lineOf) where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var reader = new YamlConfigReader(file);
        var root = reader.Root(yaml, hint);
        var value = (T)reader.BindObject(root, typeof(T), "");
        lineOf = reader.LineOf;
        return value;
    }

    private YamlMappingNode Root(string yaml, string hint)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new SimInputException("invalid YAML: " + Clean(e.Message), _file, line: e.Start.Line > 0 ? e.Start.Line : null,
                hint: "check the indentation and quoting at that line");
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new SimInputException("invalid YAML: " + Clean(e.Message), _file, hint: "check the indentation, quoting and repeated keys");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" or "~" or "null" })
        {
            throw new SimInputException("the config file is empty", _file, line: 1, hint: hint);
        }
        if (stream.Documents.Count > 1)
        {
            throw new SimInputException("the config holds more than one YAML document", _file, line: Line(stream.Documents[1].RootNode),
                hint: "remove the second '---' and what follows, or merge it into the first");
        }
        var root = stream.Documents[0].RootNode;
        if (root is not YamlMappingNode mapping)
        {
            throw new SimInputException($"expected a mapping of settings (key: value lines), found {Describe(root)}", _file, line: Line(root), hint: hint);
        }
        return mapping;
    }

    private int? LineOf(string? path) => JsonLineMap.NearestLine(_lines, path);

    private static int? Line(YamlNode node) => node.Start.Line > 0 ? (int)node.Start.Line : null;

    private SimInputException Error(YamlNode node, string path, string problem, string? hint = null) =>
        new(NameHints.OneLine(problem), _file, path.Length == 0 ? null : NameHints.OneLine(path), Line(node), hint is null ? null : NameHints.OneLine(hint));

    private static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: null or "" or "~" or "null", Style: ScalarStyle.Plain or ScalarStyle.Any } => "nothing",
        YamlScalarNode s when s.Style is ScalarStyle.Plain or ScalarStyle.Any => $"'{NameHints.Quote(s.Value!)}'",
        YamlScalarNode s => $"the text \"{NameHints.Quote(s.Value ?? "")}\"",
        _ => "an alias",
    };

    /// <summary>The YAML library's message without its exception and type names: first line, no "(Line: ...)" tail.</summary>
    private static string Clean(string message)
    {
        string text = message.Split('\n')[0];
        int at = text.IndexOf("): ", StringComparison.Ordinal);
        if (text.StartsWith("(Line:", StringComparison.Ordinal) && at > 0)
        {
            text = text[(at + 3)..];
        }
        text = text.Replace("Exception", "error", StringComparison.Ordinal);
        return NameHints.OneLine(text).Trim().TrimEnd('.');
    }

    private static string KeyOf(PropertyInfo p) => UnderscoredNamingConvention.Instance.Apply(p.Name);

    private static PropertyInfo[] Settings(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0).ToArray();

    private object BindObject(YamlMappingNode mapping, Type type, string path)
    {
        object target = Activator.CreateInstance(type)!;
        var properties = Settings(type);
        string[] keys = properties.Select(KeyOf).ToArray();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
            {
                throw Error(keyNode, path, $"expected a key name, found {Describe(keyNode)}", "write settings as key: value");
            }
            string childPath = Child(path, key);
            _lines.TryAdd(childPath, Line(keyNode) ?? 0);
            int index = Array.IndexOf(keys, key);
            if (index < 0)
            {
                throw Error(keyNode, childPath, $"unknown key '{NameHints.Quote(key)}'", NameHints.UnknownKey(key, keys));
            }
            properties[index].SetValue(target, BindValue(valueNode, properties[index], childPath));
        }
        return target;
    }

    private object? BindValue(YamlNode node, PropertyInfo property, string path)
    {
        Type type = property.PropertyType;
        Type? nullable = Nullable.GetUnderlyingType(type);
        bool isNull = node is YamlScalarNode { Value: null or "" or "~" or "null", Style: ScalarStyle.Plain or ScalarStyle.Any };
        if (isNull && (nullable != null || type == typeof(GeneratorConfig) || type == typeof(Driving.PerceptionSettings) || type == typeof(InitModel) || type == typeof(RewardConfig) || type == typeof(EgoMountConfig)))
        {
            return null;
        }
        if (isNull)
        {
            throw Error(node, path, "the setting has no value", "give a value, or leave the key out to keep the default");
        }
        Type target = nullable ?? type;
        if (IsNumber(target))
        {
            return Number(node, target, path, RangeOf(property));
        }
        if (target == typeof(bool))
        {
            return Scalar(node, path) switch
            {
                "true" or "True" => true,
                "false" or "False" => false,
                _ => throw Error(node, path, $"expected true or false, found {Describe(node)}"),
            };
        }
        if (target == typeof(string))
        {
            return Text(node, path);
        }
        if (target.IsEnum)
        {
            return EnumValue(node, target, path);
        }
        if (target == typeof(string[]))
        {
            return Items(node, path).Select((item, i) => Text(item, $"{path}[{i}]")).ToArray();
        }
        if (target == typeof(int[]))
        {
            var range = RangeOf(property);
            return Items(node, path).Select((item, i) => (int)Number(item, typeof(int), $"{path}[{i}]", range)).ToArray();
        }
        if (target == typeof(System.Collections.Immutable.ImmutableArray<Simulator.Driving.Scenes.SensorSpec>))
        {
            return Sensors(node, path);
        }
        if (node is not YamlMappingNode mapping)
        {
            throw Error(node, path, $"expected a block of settings (a mapping), found {Describe(node)}");
        }
        return BindObject(mapping, target, path);
    }

    private static ConfigRangeAttribute RangeOf(PropertyInfo property) =>
        property.GetCustomAttribute<ConfigRangeAttribute>()
        ?? throw new InvalidOperationException($"{property.DeclaringType?.Name}.{property.Name} has no ConfigRange: every numeric setting documents its range");

    private IReadOnlyList<YamlNode> Items(YamlNode node, string path)
    {
        if (node is not YamlSequenceNode sequence)
        {
            throw Error(node, path, $"expected a list, found {Describe(node)}", "write [a, b] or one '- item' per line");
        }
        int i = 0;
        foreach (var item in sequence.Children)
        {
            _lines.TryAdd($"{path}[{i++}]", Line(item) ?? 0);
        }
        return [.. sequence.Children];
    }

    private string Scalar(YamlNode node, string path) => node is YamlScalarNode { Value: { } value }
        ? value
        : throw Error(node, path, $"expected a single value, found {Describe(node)}");

    private string Text(YamlNode node, string path)
    {
        string value = Scalar(node, path);
        return string.IsNullOrWhiteSpace(value) ? throw Error(node, path, "the text is empty", "give a value, or leave the key out") : value;
    }

    private object EnumValue(YamlNode node, Type type, string path)
    {
        string value = Scalar(node, path);
        string[] names = Enum.GetNames(type).Select(n => n.ToLowerInvariant()).ToArray();
        int at = Array.FindIndex(names, n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase));
        return at >= 0
            ? Enum.GetValues(type).GetValue(at)!
            : throw Error(node, path, $"unknown value {Describe(node)}", NameHints.UnknownValue(value, names));
    }

    private static bool IsNumber(Type t) => t == typeof(int) || t == typeof(long) || t == typeof(ulong) || t == typeof(double);

    private object Number(YamlNode node, Type type, string path, ConfigRangeAttribute range)
    {
        string hint = string.Create(CultureInfo.InvariantCulture, $"use a value in [{range.Min:R}, {range.Max:R}]");
        if (node is YamlScalarNode { Style: not (ScalarStyle.Plain or ScalarStyle.Any) } quoted)
        {
            throw Error(node, path, $"expected a number, found the text \"{NameHints.Quote(quoted.Value ?? "")}\"", "write numbers without quotes");
        }
        string text = Scalar(node, path);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) || text.Contains('∞', StringComparison.Ordinal))
        {
            bool special = text.TrimStart('+', '-').ToLowerInvariant() is ".nan" or ".inf" or "nan" or "inf" or "infinity";
            throw Error(node, path, special ? $"{Describe(node)} is not a finite number" : $"expected a number, found {Describe(node)}", hint);
        }
        if (!double.IsFinite(d))
        {
            throw Error(node, path, $"{Describe(node)} is not a finite number", hint);
        }
        if (d < range.Min || d > range.Max)
        {
            throw Error(node, path, $"{NameHints.Quote(text)} is out of range", hint);
        }
        if (type == typeof(double))
        {
            return d;
        }
        if (d != Math.Floor(d))
        {
            throw Error(node, path, $"expected a whole number, found {NameHints.Quote(text)}");
        }
        if (type == typeof(ulong))
        {
            return ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong u) ? u
                : throw Error(node, path, $"expected a whole number, found {NameHints.Quote(text)}", hint);
        }
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l))
        {
            throw Error(node, path, $"expected a whole number, found {NameHints.Quote(text)}", hint);
        }
        return type == typeof(int) ? (object)checked((int)l) : l;
    }
}
