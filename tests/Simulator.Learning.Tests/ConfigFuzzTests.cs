using System.Text;
using Simulator.Core;
using Simulator.Learning.Runs;

namespace Simulator.Learning.Tests;

/// <summary>
/// Property: whatever a trainer config file holds, reading it either succeeds or fails with one input error that
/// names the file, fits on one line and shows no .NET internals. Seeded, so every run checks the same cases.
/// </summary>
public class ConfigFuzzTests
{
    private const string MutationChars = ":-[]{},'\"#&*!|> \n\t0123456789.e_abz~";

    private static readonly string[] s_internals =
        ["Exception", "System.", "Simulator.", "YamlDotNet", "Int32", "Int64", "UInt64", "Double", "Nullable", "`1", "   at ", "Line: "];

    private static readonly string[] s_valueSwaps =
        [".nan", ".inf", "-.inf", "-1", "1e400", "'12'", "\"\"", "~", "[]", "{}", "true", "0", "-0.5", "99999999999999999999", "abc", "[1, 2]"];

    internal static void AssertCleanInputError(SimInputException e, string file)
    {
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain('\r', e.Message);
        foreach (string word in s_internals)
        {
            Assert.DoesNotContain(word, e.Message, StringComparison.Ordinal);
        }
        Assert.Equal(2, e.ExitCode);
    }

    private static string Mutate(Random rng, string text)
    {
        var lines = text.Split('\n').ToList();
        switch (rng.Next(7))
        {
            case 0:
                return text[..rng.Next(text.Length + 1)];
            case 1:
            {
                var chars = text.ToCharArray();
                for (int k = rng.Next(1, 6); k > 0 && chars.Length > 0; k--)
                {
                    chars[rng.Next(chars.Length)] = MutationChars[rng.Next(MutationChars.Length)];
                }
                return new string(chars);
            }
            case 2:
            {
                // Replace the value of a random "key: value" line.
                int i = rng.Next(lines.Count);
                int colon = lines[i].IndexOf(": ", StringComparison.Ordinal);
                if (colon > 0)
                {
                    lines[i] = lines[i][..(colon + 2)] + s_valueSwaps[rng.Next(s_valueSwaps.Length)];
                }
                return string.Join('\n', lines);
            }
            case 3:
                lines.RemoveAt(rng.Next(lines.Count));
                return string.Join('\n', lines);
            case 4:
            {
                int i = rng.Next(lines.Count);
                lines.Insert(i, rng.Next(3) switch { 0 => lines[rng.Next(lines.Count)], 1 => "  extra_key: 1", _ => "learning_rat: 0.1" });
                return string.Join('\n', lines);
            }
            case 5:
            {
                int i = rng.Next(lines.Count);
                lines[i] = rng.Next(2) == 0 ? "  " + lines[i] : lines[i].TrimStart();
                return string.Join('\n', lines);
            }
            default:
            {
                int at = rng.Next(text.Length + 1);
                return text.Insert(at, text.Substring(rng.Next(text.Length / 2), Math.Min(25, text.Length / 2)));
            }
        }
    }

    public static TheoryData<string> Configs => new(Directory.GetFiles(TrainerConfigTests.RepoFile("models", "configs"), "*.yaml")
        .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Configs))]
    public void Mutated_shipped_config_loads_or_gives_one_clean_input_error(string name)
    {
        string original = File.ReadAllText(TrainerConfigTests.RepoFile("models", "configs", name + ".yaml"));
        TrainerConfigYaml.Parse(original, name + ".yaml");
        var rng = new Random(name.Length * 104729 + name[0]);
        int rejected = 0;
        for (int i = 0; i < 150; i++)
        {
            string text = original;
            for (int m = rng.Next(1, 3); m > 0; m--)
            {
                text = Mutate(rng, text);
            }
            string file = $"fuzz-{name}-{i}.yaml";
            try
            {
                TrainerConfigYaml.Parse(text, file);
            }
            catch (SimInputException e)
            {
                AssertCleanInputError(e, file);
                rejected++;
            }
        }
        Assert.True(rejected > 0, "the mutations should break some configs");
    }

    [Fact]
    public void Random_bytes_load_or_give_one_clean_input_error()
    {
        var rng = new Random(1201);
        string dir = Directory.CreateTempSubdirectory("config-fuzz").FullName;
        try
        {
            for (int i = 0; i < 250; i++)
            {
                var bytes = new byte[rng.Next(0, 200)];
                rng.NextBytes(bytes);
                if (i % 2 == 0)
                {
                    var sb = new StringBuilder();
                    foreach (byte b in bytes)
                    {
                        sb.Append(MutationChars[b % MutationChars.Length]);
                    }
                    bytes = Encoding.UTF8.GetBytes(sb.ToString());
                }
                string file = Path.Combine(dir, $"random-{i}.yaml");
                File.WriteAllBytes(file, bytes);
                try
                {
                    TrainerConfigYaml.Load(file);
                }
                catch (SimInputException e)
                {
                    AssertCleanInputError(e, file);
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
