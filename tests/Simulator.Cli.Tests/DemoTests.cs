using System.Text.Json;

namespace Simulator.Cli.Tests;

public class DemoTests
{
    [Fact]
    public void Shipped_agent_laps_held_out_tracks_from_pixels()
    {
        var (code, output, err) = CliTests.Run("demo", "--tracks", "2", "--first-seed", "10018", "--json");
        Assert.True(code == 0, err);
        var episodes = JsonDocument.Parse(output).RootElement;
        Assert.Equal(2, episodes.GetArrayLength());
        foreach (var e in episodes.EnumerateArray())
        {
            Assert.True(e.GetProperty("cleanLap").GetBoolean(), e.ToString());
        }
    }

    [Fact]
    public void Autopilot_demo_laps_the_default_scene()
    {
        var (code, output, err) = CliTests.Run("demo", "--autopilot", "--episodes", "1", "--json");
        Assert.True(code == 0, err);
        Assert.True(JsonDocument.Parse(output).RootElement[0].GetProperty("cleanLap").GetBoolean());
    }
}

public class DriveModelTests
{
    [Fact]
    public void Pixel_model_drives_a_scene_with_the_sensors_it_was_trained_with()
    {
        // The procedural scene has no camera: the model mounts its own (from its metadata) on the scene's ego.
        var (code, output, err) = CliTests.Run("drive", "--model", Path.Combine(RepoRoot(), "models", "pixels-driver.pt"), "--scene", "procedural", "--episodes", "1", "--json");
        Assert.True(code == 0, err);
        var e = JsonDocument.Parse(output).RootElement[0];
        Assert.True(e.GetProperty("distance").GetDouble() > 100, e.ToString());
    }

    [Fact]
    public void Damaged_model_copies_exit_2_with_one_line_naming_the_file()
    {
        byte[] original = File.ReadAllBytes(Path.Combine(RepoRoot(), "models", "pixels-driver.pt"));
        string dir = Directory.CreateTempSubdirectory("sim-model-").FullName;
        try
        {
            var (flipped, truncated, nan) = (Path.Combine(dir, "flipped.pt"), Path.Combine(dir, "truncated.pt"), Path.Combine(dir, "nan.pt"));
            byte[] bytes = (byte[])original.Clone();
            bytes[bytes.Length / 2] ^= 0x40; // inside a weight
            File.WriteAllBytes(flipped, bytes);
            File.WriteAllBytes(truncated, original[..(original.Length - 100)]);
            File.WriteAllBytes(nan, WithNaNWeightAndValidChecksums(original, "archive/data/1"));
            foreach (var (file, expected) in new[] { (flipped, "CRC-32"), (truncated, "corrupt archive"), (nan, "holds NaN") })
            {
                var (code, output, err) = CliTests.Run("drive", "--model", file, "--scene", "procedural", "--episodes", "1");
                Assert.Equal(2, code);
                Assert.Equal("", output);
                string[] lines = err.TrimEnd().Split('\n');
                Assert.Single(lines);
                Assert.Contains(file, lines[0], StringComparison.Ordinal);
                Assert.True(lines[0].Contains(expected, StringComparison.Ordinal), lines[0]);
                Assert.DoesNotContain("Exception", lines[0], StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // The first float of a zip entry becomes NaN and the entry's CRC-32 is fixed up wherever the archive keeps it: a file whose checksums pass but whose weights are not finite.
    private static byte[] WithNaNWeightAndValidChecksums(byte[] zip, string entry)
    {
        byte[] bytes = (byte[])zip.Clone();
        byte[] name = System.Text.Encoding.ASCII.GetBytes(entry);
        int local = FindHeader(bytes, 0x04034b50, 26, name);
        int central = FindHeader(bytes, 0x02014b50, 28, name);
        int data = local + 30 + name.Length + BitConverter.ToUInt16(bytes, local + 28);
        int size = BitConverter.ToInt32(bytes, central + 20);
        BitConverter.GetBytes(float.NaN).CopyTo(bytes, data);
        byte[] crc = BitConverter.GetBytes(Simulator.Core.Crc32.Compute(bytes.AsSpan(data, size)));
        crc.CopyTo(bytes, central + 16);
        // libtorch's writer leaves the local header's CRC zero (flag bit 3) and puts it in a descriptor after the data.
        int descriptor = BitConverter.ToUInt32(bytes, data + size) == 0x08074b50 ? data + size + 4 : data + size;
        crc.CopyTo(bytes, (BitConverter.ToUInt16(bytes, local + 6) & 8) != 0 ? descriptor : local + 14);
        return bytes;
    }

    // The local (name length at 26, name at 30) or directory (28, 46) header of the named entry. The directory is
    // searched from the end: an entry's data can hold a zip of its own (the optimizer state does).
    private static int FindHeader(byte[] bytes, uint signature, int nameLengthAt, byte[] name)
    {
        int nameAt = nameLengthAt == 26 ? 30 : 46;
        bool fromEnd = nameLengthAt == 28;
        for (int k = 0; k + nameAt + name.Length <= bytes.Length; k++)
        {
            int i = fromEnd ? bytes.Length - nameAt - name.Length - k : k;
            if (BitConverter.ToUInt32(bytes, i) == signature && BitConverter.ToUInt16(bytes, i + nameLengthAt) == name.Length
                && bytes.AsSpan(i + nameAt, name.Length).SequenceEqual(name))
            {
                return i;
            }
        }
        throw new InvalidDataException($"no header for {System.Text.Encoding.ASCII.GetString(name)}");
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Simulator.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("repository root not found");
    }
}
