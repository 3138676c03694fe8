using System.Collections.Immutable;
using System.Text.Json;
using Simulator.Driving.Scenes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Simulator.Learning.Runs;

/// <summary>
/// The one YAML dialect of the project's configs: snake_case keys, lower-case enum names, sensor lists as YAML lists
/// with the scene file's sensor keys. Reading goes through <see cref="YamlConfigReader"/> (file, key path and line in
/// every error); writing spells out every setting.
/// </summary>
public static class SnakeCaseYaml
{
    private static readonly ISerializer s_serializer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithEnumNamingConvention(LowerCaseNamingConvention.Instance)
        .WithTypeConverter(new SensorListConverter())
        .Build();

    /// <summary>Reads <paramref name="yaml"/> into <typeparamref name="T"/>; <paramref name="lineOf"/> finds the line of a key path.</summary>
    public static T Deserialize<T>(string yaml, string? file, string hint, out Func<string?, int?> lineOf) where T : class, new() =>
        YamlConfigReader.Read<T>(yaml, file, hint, out lineOf);

    public static string Serialize(object value) => s_serializer.Serialize(value);

    /// <summary>Writes a sensor list as YAML: a list of mappings, the same keys as in a scene file.</summary>
    private sealed class SensorListConverter : IYamlTypeConverter
    {
        public bool Accepts(Type type) => type == typeof(ImmutableArray<SensorSpec>);

        public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer) =>
            throw new NotSupportedException("sensor lists are read by YamlConfigReader");

        public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer)
        {
            var sensors = value is ImmutableArray<SensorSpec> list ? list : [];
            string json = SceneWriter.WriteSensors(sensors);
            if (json.Length == 0)
            {
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Flow));
                emitter.Emit(new SequenceEnd());
                return;
            }
            using var doc = JsonDocument.Parse(json);
            Emit(emitter, doc.RootElement);
        }

        private static void Emit(IEmitter emitter, JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
                    foreach (var p in e.EnumerateObject())
                    {
                        emitter.Emit(new Scalar(p.Name));
                        Emit(emitter, p.Value);
                    }
                    emitter.Emit(new MappingEnd());
                    break;
                case JsonValueKind.Array:
                    bool flat = e.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number);
                    emitter.Emit(new SequenceStart(null, null, isImplicit: true, flat ? SequenceStyle.Flow : SequenceStyle.Block));
                    foreach (var v in e.EnumerateArray())
                    {
                        Emit(emitter, v);
                    }
                    emitter.Emit(new SequenceEnd());
                    break;
                case JsonValueKind.String:
                    string s = e.GetString()!;
                    bool plain = s.Length > 0 && char.IsAsciiLetter(s[0]) && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
                        && s is not ("true" or "false" or "null" or "yes" or "no" or "on" or "off");
                    emitter.Emit(new Scalar(null, null, s, plain ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted, true, true));
                    break;
                default:
                    emitter.Emit(new Scalar(e.GetRawText()));
                    break;
            }
        }
    }
}
