using System.CommandLine;
using System.Text.RegularExpressions;

namespace Simulator.Cli.Tests;

/// <summary>
/// Hostile command lines: every numeric option of every command with values that are not numbers, overflow, are
/// NaN, infinite, negative or out of range, and every path option with devices, folders and missing paths. Each must
/// exit 2 with one line naming the option (plus the usage hint), no stack trace, no .NET type name, and change no file.
/// </summary>
public sealed partial class HostileCommandLineTests : IDisposable
{
    private enum Kind { Count, CountFromZero, Seed, Number, PositiveNumber, CountList, Size }

    /// <summary>Every numeric option: the command, the option, its kind, its range and the arguments that make the
    /// rest of the command line valid.</summary>
    private static readonly (string[] Command, string Option, Kind Kind, string Max, string[] Others)[] s_numeric =
    [
        (["demo"], "--tracks", Kind.Count, "100", []),
        (["demo"], "--first-seed", Kind.Seed, "", []),
        (["demo"], "--episodes", Kind.Count, "1000", ["--autopilot"]),
        (["demo"], "--seed", Kind.Seed, "", []),
        (["drive"], "--episodes", Kind.Count, "100000", []),
        (["drive"], "--seed", Kind.Seed, "", []),
        (["render"], "--size", Kind.Size, "8192", ["--out", "{dir}/ok.png"]),
        (["render"], "--time", Kind.Number, "3600", ["--out", "{dir}/ok.png"]),
        (["render"], "--seed", Kind.Seed, "", ["--out", "{dir}/ok.png"]),
        (["bench", "physics"], "--envs", Kind.CountList, "1024", []),
        (["bench", "physics"], "--seconds", Kind.PositiveNumber, "600", []),
        (["bench", "physics"], "--threads", Kind.Count, "1024", []),
        (["bench", "render"], "--envs", Kind.CountList, "1024", []),
        (["bench", "render"], "--size", Kind.Size, "1024", []),
        (["bench", "render"], "--seconds", Kind.PositiveNumber, "600", []),
        (["bench", "train"], "--envs", Kind.CountList, "1024", []),
        (["bench", "train"], "--size", Kind.Count, "512", []),
        (["bench", "train"], "--iterations", Kind.Count, "1000", []),
        (["bench", "train"], "--rollout", Kind.Count, "4096", []),
        (["bench", "train"], "--recurrent-size", Kind.Count, "65536", ["--core", "lstm"]),
        (["bench", "foxglove"], "--seconds", Kind.PositiveNumber, "600", []),
        (["bench", "foxglove"], "--rounds", Kind.Count, "100", []),
        (["bench", "foxglove"], "--camera", Kind.CountFromZero, "1024", []),
        (["bench", "record"], "--vehicles", Kind.CountFromZero, "500", []),
        (["bench", "record"], "--seconds", Kind.PositiveNumber, "600", []),
        (["bench", "record"], "--rounds", Kind.Count, "1000", []),
        (["bench", "record"], "--visual-hz", Kind.Number, "60", []),
        (["train"], "--envs", Kind.Count, "1024", ["--config", "{config}", "--out", "{dir}/run"]),
        (["train"], "--steps", Kind.Count, "1000000000000", ["--config", "{config}", "--out", "{dir}/run"]),
        (["train"], "--learning-rate", Kind.PositiveNumber, "1", ["--config", "{config}", "--out", "{dir}/run"]),
        (["train"], "--record-every", Kind.Count, "1000000", ["--config", "{config}", "--out", "{dir}/run"]),
        (["train"], "--frames", Kind.Count, "10000000", ["--config", "{config}", "--out", "{dir}/run", "--watch"]),
        (["train"], "--viewer-fps", Kind.Number, "1000", ["--config", "{config}", "--out", "{dir}/run", "--watch"]),
        (["train"], "--size", Kind.Size, "8192", ["--config", "{config}", "--out", "{dir}/run", "--watch"]),
        (["train"], "--render-scale", Kind.Number, "1", ["--config", "{config}", "--out", "{dir}/run", "--watch"]),
        (["eval"], "--tracks", Kind.CountFromZero, "1024", ["--model", "{model}"]),
        (["eval"], "--first-seed", Kind.Seed, "", ["--model", "{model}"]),
        (["eval"], "--episodes", Kind.Count, "1000", ["--model", "{model}"]),
        (["eval"], "--seed", Kind.Seed, "", ["--model", "{model}"]),
        (["eval"], "--max-steps", Kind.CountFromZero, "10000000", ["--model", "{model}"]),
        (["watch"], "--frames", Kind.Count, "10000000", []),
        (["watch"], "--viewer-fps", Kind.Number, "1000", []),
        (["watch"], "--size", Kind.Size, "8192", []),
        (["watch"], "--time-scale", Kind.Number, "8", []),
        (["watch"], "--render-scale", Kind.Number, "1", []),
        (["watch"], "--seed", Kind.Seed, "", []),
        (["drive"], "--frames", Kind.Count, "10000000", ["--watch"]),
        (["drive"], "--viewer-fps", Kind.Number, "1000", ["--watch"]),
        (["drive"], "--size", Kind.Size, "8192", ["--watch"]),
        (["drive"], "--time-scale", Kind.Number, "8", ["--manual"]),
        (["drive"], "--render-scale", Kind.Number, "1", ["--watch"]),
        (["scenes", "generate"], "--seed", Kind.Seed, "", []),
        (["scenes", "generate"], "--length", Kind.Number, "20000", []),
        (["scenes", "generate"], "--curviness", Kind.Number, "1", []),
        (["scenes", "generate"], "--min-radius", Kind.Number, "1000", []),
        (["scenes", "generate"], "--lanes", Kind.Count, "4", []),
        (["scenes", "generate"], "--lane-width", Kind.Number, "6", []),
        (["scenes", "generate"], "--obstacles", Kind.Number, "20", []),
        (["scenes", "generate"], "--traffic", Kind.Number, "20", []),
        (["scenes", "generate"], "--crosswalks", Kind.Number, "10", []),
        (["scenes", "generate"], "--walker-gap", Kind.Number, "30", []),
        (["replay"], "--from", Kind.Number, "10000000", ["{model}", "--export", "{dir}/x.mp4"]),
        (["replay"], "--to", Kind.Number, "10000000", ["{model}", "--export", "{dir}/x.mp4"]),
        (["replay"], "--export-size", Kind.Size, "7680", ["{model}", "--export", "{dir}/x.mp4"]),
        (["replay"], "--viewer-frames", Kind.Count, "10000000", ["{model}"]),
        (["replay"], "--viewer-fps", Kind.Number, "1000", ["{model}"]),
        (["replay"], "--size", Kind.Size, "8192", ["{model}"]),
        (["replay"], "--render-scale", Kind.Number, "1", ["{model}"]),
        (["replay"], "--speed", Kind.Number, "8", ["{model}"]),
        (["replay"], "--start", Kind.Number, "10000000", ["{model}"]),
        (["dataset", "export"], "--size", Kind.Size, "4096", ["{model}", "--format", "udacity", "--out", "{dir}/dataset"]),
        (["drive"], "--perception-threads", Kind.Count, "64", ["--perception"]),
        (["watch"], "--perception-threads", Kind.Count, "64", ["--perception"]),
        (["replay"], "--perception-threads", Kind.Count, "64", ["{model}", "--perception"]),
        (["eval", "perception"], "--tracks", Kind.Count, "10000", []),
        (["eval", "perception"], "--frames", Kind.Count, "1000000", []),
        (["eval", "perception"], "--seed", Kind.Seed, "", []),
        (["eval", "perception"], "--batch", Kind.Count, "1024", []),
        (["eval", "perception"], "--perception-threads", Kind.Count, "64", []),
        (["bench", "perception"], "--batch", Kind.Count, "1024", []),
        (["bench", "perception"], "--size", Kind.Size, "1024", []),
        (["bench", "perception"], "--threads", Kind.Count, "1024", []),
        (["bench", "perception"], "--torch-threads", Kind.Count, "1024", []),
        (["bench", "perception"], "--rounds", Kind.Count, "100", []),
        (["bench", "perception"], "--runs", Kind.Count, "10000", []),
        (["perception", "train"], "--frames", Kind.Count, "200000", ["--task", "lanes"]),
        (["perception", "train"], "--val-frames", Kind.Count, "200000", ["--task", "lanes"]),
        (["perception", "train"], "--tracks", Kind.Count, "1000", ["--task", "lanes"]),
        (["perception", "train"], "--epochs", Kind.Count, "10000", ["--task", "lanes"]),
        (["perception", "train"], "--batch", Kind.Count, "4096", ["--task", "lanes"]),
        (["perception", "train"], "--lr", Kind.PositiveNumber, "1", ["--task", "lanes"]),
        (["perception", "train"], "--minutes", Kind.Number, "10000", ["--task", "lanes"]),
        (["perception", "train"], "--density", Kind.Number, "20", ["--task", "objects"]),
        (["perception", "train"], "--width", Kind.Count, "4", ["--task", "objects"]),
        (["perception", "train"], "--seed", Kind.Seed, "", ["--task", "lanes"]),
        (["perception", "train"], "--data-seed", Kind.Seed, "", ["--task", "lanes"]),
        (["dataset", "perception"], "--frames", Kind.CountFromZero, "10000000", ["--out", "{dir}/perception"]),
        (["dataset", "perception"], "--val-frames", Kind.CountFromZero, "10000000", ["--out", "{dir}/perception"]),
        (["dataset", "perception"], "--test-frames", Kind.CountFromZero, "10000000", ["--out", "{dir}/perception"]),
        (["dataset", "perception"], "--size", Kind.Size, "1024", ["--out", "{dir}/perception"]),
        (["dataset", "perception"], "--tracks", Kind.Count, "100000", ["--out", "{dir}/perception"]),
        (["dataset", "perception"], "--seed", Kind.Seed, "", ["--out", "{dir}/perception"]),
        (["dataset", "perception"], "--envs", Kind.Count, "256", ["--out", "{dir}/perception"]),
        (["dataset", "perception"], "--steps-per-frame", Kind.Count, "10000", ["--out", "{dir}/perception"]),
    ];

    private static readonly string[] s_notNumbers = ["abc", "", "NaN", "Infinity", "-Infinity", "1e309", "-1e309", "99999999999999999999", "-1", "1,5", "0x10"];

    private static IEnumerable<string> BadValues(Kind kind, string max) => kind switch
    {
        Kind.Count => [.. s_notNumbers, "0", "1.5", .. PastInt(max), Above(max)],
        Kind.CountFromZero => [.. s_notNumbers, "1.5", .. PastInt(max), Above(max)],
        Kind.Seed => [.. s_notNumbers, "1.5", "1e3", "18446744073709551616"],
        Kind.Number => [.. s_notNumbers, "-0.5", "1e300", Above(max)],
        Kind.PositiveNumber => [.. s_notNumbers, "0", "-0.0", "1e300", Above(max)],
        Kind.CountList => ["abc", "", ",", "0", "-1", "1,x", "NaN", "1e3", "99999999999999999999", "1,2147483648", Above(max), "1," + Above(max)],
        Kind.Size => ["abc", "", "84", "84x", "x84", "0x0", "-1x84", "84x-1", "NaNxNaN", "1e309x84", "99999999999999999999x84", Above(max) + "x84", "84x" + Above(max), "7x7"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>One past int.MaxValue, where that is out of the option's range.</summary>
    private static string[] PastInt(string max) => long.Parse(max, System.Globalization.CultureInfo.InvariantCulture) < int.MaxValue ? ["2147483648"] : [];

    private static string Above(string max) => (System.Numerics.BigInteger.Parse(max, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static TheoryData<string[], string> NumericCases()
    {
        var data = new TheoryData<string[], string>();
        foreach (var (command, option, kind, max, others) in s_numeric)
        {
            foreach (string value in BadValues(kind, max))
            {
                data.Add([.. command, .. others, option, value], option);
            }
        }
        // Huge thread counts once more, spelled as they were reported (they used to abort in native code).
        data.Add(["bench", "physics", "--threads", "2147483647"], "--threads");
        data.Add(["bench", "physics", "--threads", "99999999999"], "--threads");
        return data;
    }

    /// <summary>Path options: each writing command with /dev/null, a folder and a missing folder as output, each
    /// reading option with a missing file, a folder and a device as input.</summary>
    public static TheoryData<string[], string> PathCases()
    {
        var data = new TheoryData<string[], string>();
        string[][] writers =
        [
            ["render", "--out", "{out}"],
            ["scenes", "generate", "--out", "{out}"],
            ["runs", "compare", "{dir}", "--out", "{out}"],
        ];
        foreach (var w in writers)
        {
            foreach (string target in new[] { "/dev/null", "{dir}", "{dir}/missing/x.png", "{dir}/", "{dir}/existing.txt/x", "", " " })
            {
                data.Add([.. w.Select(a => a == "{out}" ? target : a)], "--out");
            }
        }
        foreach (string target in new[] { "/dev/null", "{dir}", "{dir}/missing/x.png", "{dir}/", "{dir}/existing.txt/x", "", " " })
        {
            data.Add(["watch", "--screenshot", target], "--screenshot");
        }
        // render also writes NAME.depth.png and NAME.seg.png: a bad one stops it before anything is written.
        data.Add(["render", "--out", "{dir}/frame.png", "--seed", "2"], "--out");
        data.Add(["render", "--out", "{dir}/blocked.png"], "--out");
        data.Add(["train", "--config", "{config}", "--out", "/dev/null"], "--out");
        data.Add(["train", "--config", "{config}", "--out", "{dir}/existing.txt"], "--out");
        foreach (string target in new[] { "/dev/null", "{dir}", "{dir}/missing/x.onnx", "" })
        {
            data.Add(["perception", "train", "--task", "lanes", "--out", target], "--out");
            data.Add(["perception", "train", "--task", "lanes", "--checkpoint", target], "--checkpoint");
        }
        data.Add(["perception", "train", "--task", "cars"], "--task");

        string[] badInputs = ["/dev/null", "{dir}", "{dir}/missing.file", "{dir}/missing/deeper.file", "/dev/zero", ""];
        string[][] readers =
        [
            ["eval", "--model", "{in}"],
            ["eval", "--model", "{model}", "--tracks", "1", "--config", "{in}"],
            ["drive", "--model", "{in}"],
            ["train", "--config", "{in}", "--out", "{dir}/run"],
            ["train", "--config", "{config}", "--out", "{dir}/run", "--init-from", "{in}"],
            ["drive", "--scene", "{in}"],
            ["watch", "--model", "{in}"],
            ["watch", "--scene", "{in}"],
            ["demo", "--autopilot", "--scene", "{in}"],
            ["render", "--scene", "{in}", "--out", "{dir}/ok.png"],
            ["bench", "physics", "--scene", "{in}"],
            ["bench", "render", "--scene", "{in}"],
            ["bench", "train", "--scene", "{in}"],
            ["train", "--config", "{config}", "--scene", "{in}", "--out", "{dir}/run"],
            ["perception", "train", "--task", "objects", "--init", "{in}"],
        ];
        foreach (var r in readers)
        {
            string option = r[Array.IndexOf(r, "{in}") - 1];
            foreach (string input in badInputs)
            {
                data.Add([.. r.Select(a => a == "{in}" ? input : a)], option);
            }
        }

        // Lists and choices that name inputs.
        foreach (string scenes in new[] { ",,,", "", "oval,moon", "oval,/dev/null", "{dir}", "oval,{dir}/missing.json" })
        {
            data.Add(["eval", "--model", "{model}", "--scenes", scenes], "--scenes");
        }
        data.Add(["bench", "train", "--device", "gpu"], "--device");
        data.Add(["bench", "train", "--obs", "pixels"], "--obs");
        data.Add(["bench", "train", "--core", "rnn"], "--core");
        return data;
    }

    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"cli-hostile-{Guid.NewGuid():N}");
    private readonly string _model;

    public HostileCommandLineTests()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "existing.txt"), "keep me");
        _model = Path.Combine(_dir, "model.pt");
        File.WriteAllText(_model, "not read: the command line is rejected first");
        // Blocks the companion file of render --out blocked.png and of frame.png (a folder where a PNG would go).
        Directory.CreateDirectory(Path.Combine(_dir, "blocked.seg.png"));
        Directory.CreateDirectory(Path.Combine(_dir, "frame.depth.png", "keep"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [MemberData(nameof(NumericCases))]
    public void Bad_number_is_one_line_naming_the_option(string[] args, string option) => AssertRejected(args, option);

    [Theory]
    [MemberData(nameof(PathCases))]
    public void Bad_path_is_one_line_naming_the_option_and_changes_nothing(string[] args, string option) => AssertRejected(args, option);

    [Fact]
    public void Every_numeric_option_of_every_command_is_in_the_table()
    {
        var listed = s_numeric.Select(n => string.Join(' ', n.Command) + " " + n.Option).ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        Walk(CliApp.BuildRoot(), "", missing, listed);
        Assert.Empty(missing);
    }

    private static void Walk(Command command, string path, List<string> missing, HashSet<string> listed)
    {
        foreach (var option in command.Options)
        {
            Type type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
            bool numeric = type == typeof(int) || type == typeof(long) || type == typeof(ulong) || type == typeof(double) || type == typeof(float)
                || option.Name is "--envs" or "--size";
            if (numeric && !listed.Contains($"{path} {option.Name}"))
            {
                missing.Add($"{path} {option.Name}");
            }
        }
        foreach (var sub in command.Subcommands)
        {
            Walk(sub, path.Length == 0 ? sub.Name : $"{path} {sub.Name}", missing, listed);
        }
    }

    [Fact]
    public void Scenes_validate_reports_a_folder_or_device_as_invalid()
    {
        var (code, output, err) = CliTests.Run("scenes", "validate", _dir, "/dev/null", Path.Combine(_dir, "missing.json"));
        Assert.Equal(2, code);
        Assert.Equal(3, Regex.Count(output, "^INVALID ", RegexOptions.Multiline));
        Assert.Empty(err);
        AssertNoInternals(output);
    }

    [Fact]
    public void Valid_ranges_are_accepted()
    {
        string scene = Path.Combine(_dir, "generated.json");
        var (code, _, err) = CliTests.Run("scenes", "generate", "--seed", "18446744073709551615", "--length", "300", "--curviness", "1", "--min-radius", "8",
            "--lanes", "4", "--lane-width", "2.5", "--obstacles", "0", "--traffic", "0", "--out", scene);
        Assert.True(code == 0, err);
        Assert.True(File.Exists(scene));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Render_writes_its_three_targets_and_no_temporary_file()
    {
        string frame = Path.Combine(_dir, "shot.png");
        var (code, _, err) = CliTests.Run("render", "--out", frame, "--size", "32x24", "--time", "0");
        Assert.True(code == 0, err);
        foreach (string file in new[] { frame, Path.Combine(_dir, "shot.depth.png"), Path.Combine(_dir, "shot.seg.png") })
        {
            Assert.True(new FileInfo(file).Length > 0, file);
        }
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("drive", "--episodes", "1", "--json")]
    [InlineData("drive", "--episodes", "1")]
    [InlineData("scenes", "generate", "--seed", "4")]
    [InlineData("scenes", "list")]
    public void Output_that_cannot_be_written_is_one_line_and_exit_1(params string[] args)
    {
        var stderr = new StringWriter();
        int code = CliApp.Run(args, new FullDisk(), stderr);
        Assert.Equal(1, code);
        Assert.Equal("sim: cannot write the output: No space left on device", stderr.ToString().Trim());
    }

    /// <summary>Standard output on a full disk (<c>&gt; /dev/full</c>).</summary>
    private sealed class FullDisk : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => throw new IOException("No space left on device");
    }

    /// <summary>The CLI as a child process, for the cases that used to abort the process (exit 134, stack trace).</summary>
    [Theory]
    [InlineData("--episodes", "drive --episodes abc")]
    [InlineData("--episodes", "drive --episodes 99999999999999999999")]
    [InlineData("--threads", "bench physics --threads 99999999999")]
    [InlineData("--out", "render --out /dev/null")]
    [InlineData("--out", "scenes generate --out /dev/null")]
    public async Task Child_process_exits_2_with_one_line(string option, string commandLine)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "sim.dll");
        var start = new System.Diagnostics.ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _dir,
        };
        start.ArgumentList.Add(dll);
        foreach (string a in commandLine.Split(' '))
        {
            start.ArgumentList.Add(a);
        }
        var before = Snapshot(_dir);
        using var process = System.Diagnostics.Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        string err = await process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        _ = await stdout;
        Assert.True(process.ExitCode == 2, $"exit {process.ExitCode}: {err}");
        AssertOneLine(err, option);
        Assert.Equal(before, Snapshot(_dir));
        Assert.True(IsCharacterDevice("/dev/null"), "/dev/null is no longer a character device");
    }

    private void AssertRejected(string[] args, string option)
    {
        string config = TrainEvalCliTests.TinyConfig();
        args = [.. args.Select(a => a.Replace("{dir}", _dir, StringComparison.Ordinal).Replace("{model}", _model, StringComparison.Ordinal)
            .Replace("{config}", config, StringComparison.Ordinal))];
        var before = Snapshot(_dir);
        var cwd = Snapshot(Directory.GetCurrentDirectory(), recursive: false);
        var (code, output, err) = CliTests.Run(args);
        Assert.True(code == 2, $"sim {string.Join(' ', args)}: exit {code}\n{err}\n{output}");
        AssertOneLine(err, option);
        Assert.Equal(before, Snapshot(_dir));
        Assert.Equal(cwd, Snapshot(Directory.GetCurrentDirectory(), recursive: false));
        Assert.True(IsCharacterDevice("/dev/null"), "/dev/null is no longer a character device");
        Assert.True(IsCharacterDevice("/dev/zero"), "/dev/zero is no longer a character device");
    }

    private static void AssertOneLine(string err, string option)
    {
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, "expected one line on stderr, got:\n" + err);
        Assert.StartsWith("sim: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(option, lines[0], StringComparison.Ordinal);
        AssertNoInternals(err);
    }

    private static void AssertNoInternals(string text)
    {
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(TypeName(), text);
    }

    [GeneratedRegex(@"\bSystem\.[A-Z]|\b(U?Int(16|32|64)|Double|Single|Decimal|Boolean)\b")]
    private static partial Regex TypeName();

    /// <summary>Every entry under <paramref name="folder"/> with its size and write time.</summary>
    private static string Snapshot(string folder, bool recursive = true)
    {
        var entries = new DirectoryInfo(folder).EnumerateFileSystemInfos("*", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Select(e => $"{Path.GetRelativePath(folder, e.FullName)} {(e is FileInfo f ? f.Length : -1)} {e.LastWriteTimeUtc.Ticks}")
            .Order(StringComparer.Ordinal);
        return string.Join('\n', entries);
    }

    private static unsafe bool IsCharacterDevice(string path)
    {
        // .NET has no file-type query; statx's stx_mode (the u16 at byte 28 on every Linux architecture) has it.
        byte* buffer = stackalloc byte[256];
        return statx(-100 /* AT_FDCWD */, path, 0, 1 /* STATX_TYPE */, buffer) == 0 && (*(ushort*)(buffer + 28) & 0xF000) == 0x2000;
    }

    [System.Runtime.InteropServices.LibraryImport("libc", StringMarshalling = System.Runtime.InteropServices.StringMarshalling.Utf8)]
    private static unsafe partial int statx(int dirfd, string path, int flags, uint mask, byte* buffer);
}
