using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Simulator.Core;
using Simulator.Driving.Scenes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Simulator.Learning.Runs;

internal sealed partial class YamlConfigReader
{
    /// <summary>
    /// A sensor list written as YAML (a list of mappings with the scene file's sensor keys), read by the scene
    /// reader itself so sensors follow one set of rules; its errors are moved back onto the YAML key path and line.
    /// </summary>
    private ImmutableArray<SensorSpec> Sensors(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Value: { } text } && text.TrimStart().StartsWith('['))
        {
            throw Error(node, path, "sensors are JSON text inside YAML", "write them as a YAML list: one '- type: camera' entry per sensor, its settings indented below");
        }
        Items(node, path);
        var jsonLines = new Dictionary<string, int>(StringComparer.Ordinal);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("sensors");
            WriteJson(writer, node, "$.sensors", path, jsonLines);
            writer.WriteEndObject();
        }
        using var doc = JsonDocument.Parse(stream.ToArray());
        try
        {
            return SceneLoader.ReadSensorList(JsonFieldReader.Object(doc.RootElement, "$", _file ?? "<config>"));
        }
        catch (SimInputException e) when (e.Path is { } jsonPath && jsonPath.StartsWith("$.sensors", StringComparison.Ordinal))
        {
            string yamlPath = path + jsonPath["$.sensors".Length..];
            throw new SimInputException(e.Problem, _file, yamlPath, LineOf(yamlPath), e.Hint);
        }
    }

    private void WriteJson(Utf8JsonWriter writer, YamlNode node, string jsonPath, string yamlPath, Dictionary<string, int> lines)
    {
        _lines.TryAdd(yamlPath, Line(node) ?? 0);
        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { Length: > 0 } name })
                    {
                        throw Error(key, yamlPath, $"expected a key name, found {Describe(key)}");
                    }
                    _lines[Child(yamlPath, name)] = Line(key) ?? 0;
                    writer.WritePropertyName(name);
                    WriteJson(writer, value, $"{jsonPath}.{name}", Child(yamlPath, name), lines);
                }
                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                int i = 0;
                foreach (var item in sequence.Children)
                {
                    WriteJson(writer, item, $"{jsonPath}[{i}]", $"{yamlPath}[{i}]", lines);
                    i++;
                }
                writer.WriteEndArray();
                break;
            case YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: { } text } when IsNonFinite(text):
                throw Error(node, yamlPath, $"'{NameHints.Quote(text)}' is not a finite number", "give a finite number");
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar);
                break;
            default:
                throw Error(node, yamlPath, "aliases are not supported in sensor lists");
        }
    }

    private static bool IsNonFinite(string text) =>
        text.TrimStart('+', '-').ToLowerInvariant() is ".nan" or ".inf" or "nan" or "inf" or "infinity"
        || (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && !double.IsFinite(d));

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar)
    {
        string value = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            writer.WriteStringValue(value);
        }
        else if (value is "" or "~" or "null")
        {
            writer.WriteNullValue();
        }
        else if (value is "true" or "false")
        {
            writer.WriteBooleanValue(value == "true");
        }
        else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d)
            && (char.IsAsciiDigit(value[0]) || value[0] is '-' or '+' or '.'))
        {
            writer.WriteNumberValue(d);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
