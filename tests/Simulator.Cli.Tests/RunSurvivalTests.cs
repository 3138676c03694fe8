using System.Buffers.Binary;
using System.Globalization;
using Simulator.Learning.Runs;

namespace Simulator.Cli.Tests;

/// <summary>
/// A run folder survives anything: real `sim train` child processes killed with SIGKILL at several moments (before
/// the first checkpoint, after one, in the middle of writes), stopped by SIGINT/SIGTERM, or raced by a second writer.
/// Each run is seconds long (two short generated tracks, a tiny network).
/// </summary>
public sealed class RunSurvivalTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"cli-survive-{Guid.NewGuid():N}");

    public RunSurvivalTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Run => Path.Combine(_dir, "run");
    private string Latest => Path.Combine(Run, "checkpoints", "latest.pt");
    private string Metrics => Path.Combine(Run, "metrics.csv");
    private string Events => Path.Combine(Run, TensorBoardWriter.FileName());

    private string Config(long steps, int bcEpochs = 1, int demoSteps = 32)
    {
        string path = Path.Combine(_dir, $"survive-{steps}-{bcEpochs}-{demoSteps}.yaml");
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $"""
            name: survive
            seed: 3
            envs: 2
            total_steps: {steps}
            checkpoint_every: 32
            generator:
              first_seed: 5
              count: 2
              length: 400
              time_limit: 4
            ppo:
              rollout_length: 16
              epochs: 1
              minibatches: 2
              network:
                vector_hidden: [16]
            bc:
              demo_steps: {demoSteps}
              epochs: {bcEpochs}
              batch_size: 16
            eval:
              every: 0
              episodes: 1
              tracks: 1
              max_steps: 20
            """));
        return path;
    }

    private int MetricRows() => File.Exists(Metrics) ? Math.Max(0, File.ReadAllLines(Metrics).Length - 1) : 0;

    [Fact]
    public void Killed_before_the_first_checkpoint_the_run_is_refused_plainly_and_resume_starts_it_over()
    {
        string config = Config(96, bcEpochs: 3000);
        using (var p = SimProcess.Start("train", "--config", config, "--out", Run))
        {
            Assert.True(p.WaitUntil(() => File.Exists(Path.Combine(Run, "config.yaml"))), p.Err);
            p.KillHard();
        }
        Assert.False(File.Exists(Latest), "the kill was meant to land before the first checkpoint");
        var (code, _, err) = CliTests.Run("train", "--config", config, "--out", Run);
        Assert.Equal(2, code);
        Assert.Contains("--restart", err, StringComparison.Ordinal);
        Assert.Single(err.Trim().Split('\n'));
        (code, string output, err) = CliTests.Run("train", "--resume", "--out", Run);
        Assert.True(code == 0, err);
        Assert.Contains("no checkpoint yet", output, StringComparison.Ordinal);
        Assert.Contains("done at step 96", output, StringComparison.Ordinal);
        AssertClean();
    }

    [Fact]
    public void Killed_after_checkpoints_and_in_the_middle_of_writes_the_run_resumes_and_finishes()
    {
        string config = Config(1024);
        // Every iteration writes a metrics row, TensorBoard records and a checkpoint (checkpoint_every = one
        // iteration), so kills at staggered delays land before, between and inside those writes.
        using (var p = SimProcess.Start("train", "--config", config, "--out", Run))
        {
            Assert.True(p.WaitUntil(() => File.Exists(Latest)), p.Err);
            p.KillHard();
        }
        foreach (int delayMs in new[] { 0, 7, 23, 61 })
        {
            using var p = SimProcess.Start("train", "--resume", "--out", Run);
            int rows = MetricRows();
            Assert.True(p.WaitUntil(() => MetricRows() > rows), p.Err);
            Thread.Sleep(delayMs);
            p.KillHard();
        }
        // What a kill inside a write leaves, made certain: a torn event record, a torn CSV row, a temporary file.
        byte[] events = File.ReadAllBytes(Events);
        File.AppendAllText(Metrics, "99,4096,0.1");
        using (var f = new FileStream(Events, FileMode.Append))
        {
            f.Write(events.AsSpan(events.Length - 20, 13));
        }
        File.WriteAllText(Path.Combine(Run, "checkpoints", ".latest.pt.4242.0123abcd.tmp"), "half a checkpoint");

        var (code, output, err) = CliTests.Run("train", "--resume", "--out", Run);
        Assert.True(code == 0, err);
        Assert.Contains("done at step 1,024", output, StringComparison.Ordinal);
        AssertClean();
        long[] steps = File.ReadAllLines(Metrics).Skip(1).Select(l => long.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(Enumerable.Range(1, 32).Select(i => 32L * i), steps);
        var scalars = EventSteps(File.ReadAllBytes(Events));
        Assert.Equal(scalars.Distinct().Count(), scalars.Length);
        long[] trainSteps = scalars.Where(e => e.Tag.StartsWith("train/", StringComparison.Ordinal)).Select(e => e.Step).ToArray();
        Assert.Equal(steps, trainSteps);
    }

    [Fact]
    public void Restart_discards_a_killed_run_and_keeps_unrelated_files()
    {
        string config = Config(2048);
        using (var p = SimProcess.Start("train", "--config", config, "--out", Run))
        {
            Assert.True(p.WaitUntil(() => MetricRows() >= 2), p.Err);
            p.KillHard();
        }
        File.WriteAllText(Path.Combine(Run, "notes.txt"), "mine");
        var (code, output, err) = CliTests.Run("train", "--config", Config(64), "--out", Run, "--restart");
        Assert.True(code == 0, err);
        Assert.Contains("(new)", output, StringComparison.Ordinal);
        Assert.Contains("done at step 64", output, StringComparison.Ordinal);
        Assert.Equal(2, MetricRows());
        Assert.Equal("mine", File.ReadAllText(Path.Combine(Run, "notes.txt")));
        AssertClean();
    }

    [Fact]
    public void A_second_writer_is_refused_and_a_killed_writers_lock_does_not_block()
    {
        using (var p = SimProcess.Start("train", "--config", Config(1_000_000), "--out", Run))
        {
            Assert.True(p.WaitUntil(() => File.Exists(Latest)), p.Err);
            var (code, _, err) = CliTests.Run("train", "--resume", "--out", Run);
            Assert.Equal(2, code);
            Assert.Contains(Run, err, StringComparison.Ordinal);
            Assert.Contains($"pid {p.Pid}", err, StringComparison.Ordinal);
            Assert.Single(err.Trim().Split('\n'));
            (code, _, err) = CliTests.Run("train", "--config", Config(64), "--out", Run, "--restart");
            Assert.Equal(2, code);
            Assert.Contains($"pid {p.Pid}", err, StringComparison.Ordinal);
            Assert.False(p.HasExited, p.Err);
            p.KillHard();
        }
        long at = ModelFile.ReadMeta(Latest).TotalSteps;
        string more = (at + 32).ToString(CultureInfo.InvariantCulture);
        var (resumed, output, resumeErr) = CliTests.Run("train", "--resume", "--out", Run, "--steps", more);
        Assert.True(resumed == 0, resumeErr);
        Assert.Contains($"done at step {at + 32:#,0}", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public void A_signal_stops_the_run_with_exit_code_130_after_saving_a_checkpoint(string signal)
    {
        using var p = SimProcess.Start("train", "--config", Config(1_000_000), "--out", Run);
        Assert.True(p.WaitUntil(() => MetricRows() >= 2), p.Err);
        p.Signal(signal);
        p.WaitForExit();
        Assert.True(p.ExitCode == 130, $"exit {p.ExitCode}\n{p.Out}\n{p.Err}");
        Assert.Contains("stopped at step", p.Out, StringComparison.Ordinal);
        Assert.Contains("--resume", p.Out, StringComparison.Ordinal);
        long at = ModelFile.ReadMeta(Latest).TotalSteps;
        Assert.Contains($"stopped at step {at:#,0}", p.Out, StringComparison.Ordinal);
        AssertClean();
    }

    [Fact]
    public void A_signal_during_behaviour_cloning_stops_at_once_and_resume_will_start_over()
    {
        using var p = SimProcess.Start("train", "--config", Config(64, bcEpochs: 10_000, demoSteps: 512), "--out", Run);
        Assert.True(p.WaitUntil(() => File.Exists(Path.Combine(Run, "config.yaml"))), p.Err);
        Thread.Sleep(300);
        p.Signal("INT");
        p.WaitForExit(60_000);
        Assert.True(p.ExitCode == 130, $"exit {p.ExitCode}\n{p.Out}\n{p.Err}");
        Assert.Contains("stopped before the first checkpoint", p.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(Latest));
        AssertClean();
    }

    [Fact]
    public void Resume_applies_and_records_overrides_and_refuses_other_options()
    {
        var (code, output, err) = CliTests.Run("train", "--config", Config(64), "--out", Run);
        Assert.True(code == 0, err);
        foreach (string[] extra in new[] { new[] { "--config", Config(64) }, ["--scene", "oval"], ["--restart"] })
        {
            (code, _, err) = CliTests.Run(["train", "--resume", "--out", Run, .. extra]);
            Assert.Equal(2, code);
            Assert.Contains($"{extra[0]} cannot be combined with --resume", err, StringComparison.Ordinal);
            Assert.Single(err.Trim().Split('\n'));
        }
        (code, _, err) = CliTests.Run("train", "--resume", "--out", Run, "--learning-rate", "-1");
        Assert.Equal(2, code);
        Assert.Contains("--learning-rate", err, StringComparison.Ordinal); // refused while parsing, before the run folder is opened
        (code, output, err) = CliTests.Run("train", "--resume", "--out", Run, "--steps", "128", "--envs", "4", "--learning-rate", "0.0001");
        Assert.True(code == 0, err);
        Assert.Contains("4 envs", output, StringComparison.Ordinal);
        Assert.Contains("done at step 128", output, StringComparison.Ordinal);
        string recorded = File.ReadAllText(Path.Combine(Run, "config.yaml"));
        Assert.Contains("# resumed at step 64 with envs 4 (was 2), total_steps 128 (was 64), ppo.learning_rate 0.0001 (was 0.00025)", recorded, StringComparison.Ordinal);
        var config = TrainerConfigYaml.Load(Path.Combine(Run, "config.yaml"));
        Assert.Equal((4, 128L, 1e-4), (config.Envs, config.TotalSteps, config.Ppo.LearningRate));
        // The rows after the resume use the new rate (annealed from it), the rows before keep the old one.
        double[] rates = File.ReadAllLines(Metrics).Skip(1).Select(l => double.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)).ToArray();
        Assert.True(rates[0] > 2e-4, string.Join(' ', rates));
        Assert.True(rates[^1] <= 1e-4, string.Join(' ', rates));
    }

    private void AssertClean()
    {
        Assert.Empty(Directory.GetFiles(Run, "*.tmp", SearchOption.AllDirectories));
    }

    /// <summary>Step and first tag of every scalar Event record (length + masked CRC framing, checked).</summary>
    private static (long Step, string Tag)[] EventSteps(byte[] file)
    {
        var events = new List<(long, string)>();
        int at = 0;
        while (at < file.Length)
        {
            int length = (int)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(at));
            Assert.Equal(Crc32C.Compute(file.AsSpan(at, 8)), Crc32C.Unmask(BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 8))));
            byte[] data = file.AsSpan(at + 12, length).ToArray();
            Assert.Equal(Crc32C.Compute(data), Crc32C.Unmask(BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 12 + length))));
            long step = 0;
            string? tag = null;
            foreach (var (field, value, bytes) in Fields(data))
            {
                if (field == 2)
                {
                    step = (long)value;
                }
                else if (field == 5)
                {
                    var item = Fields(bytes!).First(f => f.Field == 1).Bytes!; // Summary.value
                    tag = System.Text.Encoding.UTF8.GetString(Fields(item).First(f => f.Field == 1).Bytes!); // Value.tag
                }
            }
            if (tag != null)
            {
                events.Add((step, tag));
            }
            at += 16 + length;
        }
        return [.. events];
    }

    private static List<(int Field, ulong Value, byte[]? Bytes)> Fields(byte[] data)
    {
        var fields = new List<(int, ulong, byte[]?)>();
        int at = 0;
        ulong Varint()
        {
            ulong v = 0;
            for (int shift = 0; ; shift += 7)
            {
                byte b = data[at++];
                v |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return v;
                }
            }
        }
        while (at < data.Length)
        {
            ulong key = Varint();
            int field = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    fields.Add((field, Varint(), null));
                    break;
                case 1:
                    at += 8;
                    break;
                case 5:
                    at += 4;
                    break;
                default:
                    int n = (int)Varint();
                    fields.Add((field, 0, data[at..(at + n)]));
                    at += n;
                    break;
            }
        }
        return fields;
    }
}
