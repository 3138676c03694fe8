using Simulator.Core;
using Simulator.Learning.Runs;

namespace Simulator.Learning.Ppo;

/// <summary>
/// Reads <see cref="PpoOptions"/> from YAML with snake_case keys (learning_rate, gae_lambda, network.frame_stack, ...);
/// keys left out keep their defaults; unknown keys and bad values are input errors naming the file, key path and line.
/// </summary>
public static class PpoOptionsYaml
{
    public static PpoOptions Parse(string yaml, string? file = null)
    {
        var options = SnakeCaseYaml.Deserialize<PpoOptions>(yaml, file, "see PpoOptions for the keys and their meaning", out var lineOf);
        try
        {
            options.Network.Validate();
        }
        catch (SimInputException e)
        {
            throw new SimInputException(e.Problem, file, e.Path, lineOf(e.Path), e.Hint);
        }
        return options;
    }

    public static PpoOptions Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SimInputException("cannot read the PPO options file", file: path, hint: "check that the file exists and is readable", inner: e);
        }
        return Parse(text, path);
    }

    /// <summary>The resolved options as YAML (what a run records before it starts).</summary>
    public static string Write(PpoOptions options) => SnakeCaseYaml.Serialize(options);
}
