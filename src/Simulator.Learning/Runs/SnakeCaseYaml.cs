using Simulator.Core;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Simulator.Learning.Runs;

/// <summary>
/// The one YAML dialect of the project's configs: snake_case keys, lower-case enum names; keys left out keep their
/// defaults, and syntax errors, unknown keys and bad values become input errors naming the file and line.
/// </summary>
public static class SnakeCaseYaml
{
    private static readonly IDeserializer s_deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithEnumNamingConvention(LowerCaseNamingConvention.Instance)
        .Build();

    private static readonly ISerializer s_serializer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithEnumNamingConvention(LowerCaseNamingConvention.Instance)
        .Build();

    public static T? Deserialize<T>(string yaml, string? file, string hint) where T : class
    {
        try
        {
            return s_deserializer.Deserialize<T?>(yaml);
        }
        catch (YamlException e)
        {
            string problem = (e.InnerException?.Message ?? e.Message).Split('\n')[0];
            throw new SimInputException(problem, file: file, line: e.Start.Line, hint: hint, inner: e);
        }
    }

    public static string Serialize(object value) => s_serializer.Serialize(value);
}
