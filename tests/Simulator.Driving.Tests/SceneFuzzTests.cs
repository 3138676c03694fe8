using System.Text;
using Simulator.Core;
using Simulator.Driving.Scenes;

namespace Simulator.Driving.Tests;

/// <summary>
/// Property: whatever bytes a scene file holds, loading it either succeeds or fails with one input error that names
/// the file, fits on one line and shows no .NET internals. Seeded, so every run checks the same cases.
/// </summary>
public class SceneFuzzTests
{
    private static readonly string[] s_internals =
        ["Exception", "System.", "Simulator.", "YamlDotNet", "JsonElement", "JsonValueKind", "Int32", "Int64", "UInt64", "Double", "Nullable", "`1", "   at "];

    private static readonly string[] s_numberSwaps = ["NaN", "\"12\"", "-1", "-1e400", "1e400", "Infinity", "1.5", "\"\"", "null", "[]", "{}", "true", "0"];

    private const string MutationChars = "{}[]\",:0123456789-.eE \n\\atnul";
    private const string NoiseChars = "{}[]\",:0123456789-.eE nametrack\n";

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

    /// <summary>One mutation of <paramref name="text"/> picked by <paramref name="rng"/>.</summary>
    internal static string Mutate(Random rng, string text)
    {
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
                int at = rng.Next(text.Length + 1);
                int len = rng.Next(Math.Min(40, text.Length - at) + 1);
                return text.Remove(at, len);
            }
            case 3:
                return ReplaceNth(rng, text, IsNumberStart, s_numberSwaps[rng.Next(s_numberSwaps.Length)]);
            case 4:
                return ReplaceNth(rng, text, c => c == '"', "\"\"");
            case 5:
            {
                int at = text.IndexOf('{', rng.Next(Math.Max(1, text.Length)));
                return at < 0 ? text : text.Insert(at + 1, rng.Next(3) switch { 0 => " \"extra\": 1,", 1 => " \"nmae\": \"x\",", _ => " \"name\": \"dup\"," });
            }
            default:
            {
                int at = rng.Next(text.Length + 1);
                return text.Insert(at, text.Substring(rng.Next(text.Length / 2), Math.Min(30, text.Length / 2)));
            }
        }
    }

    private static bool IsNumberStart(char c) => char.IsAsciiDigit(c);

    /// <summary>Replaces the token starting at a random character matching <paramref name="start"/> with <paramref name="with"/>.</summary>
    private static string ReplaceNth(Random rng, string text, Func<char, bool> start, string with)
    {
        var starts = new List<int>();
        for (int i = 0; i < text.Length; i++)
        {
            if (start(text[i]) && (i == 0 || !char.IsAsciiLetterOrDigit(text[i - 1]) && text[i - 1] != '.'))
            {
                starts.Add(i);
            }
        }
        if (starts.Count == 0)
        {
            return text;
        }
        int at = starts[rng.Next(starts.Count)];
        int end = at + 1;
        if (text[at] == '"')
        {
            end = text.IndexOf('"', at + 1) + 1;
            if (end <= 0)
            {
                return text;
            }
        }
        else
        {
            while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is '.' or 'e' or 'E' or '-' or '+'))
            {
                end++;
            }
        }
        return text[..at] + with + text[end..];
    }

    public static TheoryData<string> Scenes => new(Directory.GetFiles(ShippedScenes.Directory, "*.json")
        .Where(f => !f.EndsWith("schema.json", StringComparison.Ordinal)).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Scenes))]
    public void Mutated_shipped_scene_loads_or_gives_one_clean_input_error(string name)
    {
        string original = File.ReadAllText(ShippedScenes.PathOf(name));
        var rng = new Random(name.Length * 7919 + name[0]);
        int loaded = 0;
        int rejected = 0;
        for (int i = 0; i < 120; i++)
        {
            string text = original;
            for (int m = rng.Next(1, 3); m > 0; m--)
            {
                text = Mutate(rng, text);
            }
            string file = $"fuzz-{name}-{i}.json";
            try
            {
                SceneLoader.Parse(text, file);
                loaded++;
            }
            catch (SimInputException e)
            {
                AssertCleanInputError(e, file);
                rejected++;
            }
        }
        Assert.True(rejected > 0, "the mutations should break some files");
        Assert.True(loaded + rejected == 120);
    }

    [Fact]
    public void Random_bytes_load_or_give_one_clean_input_error()
    {
        var rng = new Random(20261201);
        string dir = Directory.CreateTempSubdirectory("scene-fuzz").FullName;
        try
        {
            for (int i = 0; i < 200; i++)
            {
                var bytes = new byte[rng.Next(0, 300)];
                rng.NextBytes(bytes);
                if (i % 3 == 0)
                {
                    // Mostly-JSON noise reaches further into the reader than arbitrary bytes.
                    var sb = new StringBuilder();
                    for (int k = 0; k < bytes.Length; k++)
                    {
                        sb.Append(NoiseChars[bytes[k] % NoiseChars.Length]);
                    }
                    bytes = Encoding.UTF8.GetBytes(sb.ToString());
                }
                string file = Path.Combine(dir, $"random-{i}.json");
                File.WriteAllBytes(file, bytes);
                try
                {
                    SceneLoader.LoadFile(file);
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
