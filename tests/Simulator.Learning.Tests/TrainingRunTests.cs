using Simulator.Core;
using Simulator.Learning.Env;
using Simulator.Learning.Runs;

namespace Simulator.Learning.Tests;

public sealed class TrainingRunTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"run-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    /// <summary>A tiny PPO config over a 4-env vector task (also used by the run-plot tests).</summary>
    internal static TrainerConfig Config(long steps) => TrainerConfigYaml.Parse($"""
        name: t
        seed: 5
        envs: 4
        total_steps: {steps}
        checkpoint_every: 32
        ppo:
          rollout_length: 8
          epochs: 1
          minibatches: 2
          network:
            vector_hidden: [8]
        """);

    private static long[] StepColumn(string csv) =>
        File.ReadAllLines(csv).Skip(1).Select(l => long.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void New_run_writes_the_resolved_config_first_and_refuses_to_overwrite_it()
    {
        var config = Config(64);
        using var folder = RunFolder.Create(_dir, config);
        Assert.True(File.Exists(folder.ConfigPath));
        Assert.False(File.Exists(folder.LatestPath));
        string text = File.ReadAllText(folder.ConfigPath);
        Assert.Contains("# seed: 5", text, StringComparison.Ordinal);
        Assert.Contains("# version: ", text, StringComparison.Ordinal);
        Assert.Equal(TrainerConfigYaml.Write(config), TrainerConfigYaml.Write(TrainerConfigYaml.Load(folder.ConfigPath)));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
        folder.Dispose();
        var e = Assert.Throws<SimInputException>(() => RunFolder.Create(_dir, config));
        Assert.Contains("--resume", e.Message, StringComparison.Ordinal);
        Assert.Contains("--restart", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_has_one_writer_and_the_lock_goes_with_its_holder()
    {
        using (var first = RunFolder.Create(_dir, Config(64)))
        {
            var e = Assert.Throws<SimInputException>(() => RunFolder.Resume(_dir));
            Assert.Contains(_dir, e.Message, StringComparison.Ordinal);
            Assert.Contains($"pid {Environment.ProcessId}", e.Message, StringComparison.Ordinal);
            Assert.Throws<SimInputException>(() => RunFolder.Create(_dir, Config(64), restart: true));
        }
        using var second = RunFolder.Resume(_dir).Folder;
        Assert.False(second.HasCheckpoint);
    }

    [Fact]
    public void Restart_removes_only_what_a_run_writes_and_stale_temporaries_go_on_open()
    {
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(_dir).FullName, "notes.txt"), "mine");
        using (var folder = RunFolder.Create(_dir, Config(64)))
        {
            File.WriteAllText(folder.MetricsPath, "x\n");
            File.WriteAllText(folder.LatestPath, "x");
            File.WriteAllText(Path.Combine(folder.CheckpointDirectory, ".latest.pt.123.abc.tmp"), "torn");
        }
        using (var restarted = RunFolder.Create(_dir, Config(96), restart: true))
        {
            Assert.False(File.Exists(restarted.MetricsPath));
            Assert.False(restarted.HasCheckpoint);
            Assert.Equal(96, TrainerConfigYaml.Load(restarted.ConfigPath).TotalSteps);
        }
        Assert.Equal("mine", File.ReadAllText(Path.Combine(_dir, "notes.txt")));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Killed_run_resumes_from_latest_and_continues_the_step_count()
    {
        var folder = RunFolder.Create(_dir, Config(160));
        using (folder)
        using (var cancel = new CancellationTokenSource())
        using (var run = new TrainingRun(Config(160), folder, new PointReachEnv(4), new TrainingHooks(), resume: false))
        {
            // Stop after the third iteration (96 steps), as Ctrl-C would: the run saves latest and returns.
            run.Progress += p =>
            {
                if (p.Stats.Iteration == 3)
                {
                    cancel.Cancel();
                }
            };
            var summary = run.Run(cancel.Token);
            Assert.True(summary.Cancelled);
            Assert.Equal(96, summary.TotalSteps);
        }
        Assert.Equal(96, ModelFile.ReadMeta(folder.LatestPath).TotalSteps);
        Assert.DoesNotContain(Directory.GetFiles(folder.CheckpointDirectory), f => !f.EndsWith(".pt", StringComparison.Ordinal));
        // A stale row past the checkpoint (as a kill between metrics and checkpoint would leave) is dropped on resume.
        File.AppendAllText(folder.MetricsPath, "4,128,0,0,0,0,0,0,0,0,0,0,0,0\n");

        var (resumed, config) = RunFolder.Resume(_dir);
        using (resumed)
        using (var run = new TrainingRun(config, resumed, new PointReachEnv(4), new TrainingHooks(), resume: true))
        {
            Assert.Equal(96, run.Trainer.TotalSteps);
            Assert.Equal(3, run.Trainer.Iteration);
            var summary = run.Run();
            Assert.False(summary.Cancelled);
            Assert.Equal(160, summary.TotalSteps);
        }
        Assert.Equal([32L, 64, 96, 128, 160], StepColumn(folder.MetricsPath));
        Assert.Equal(160, ModelFile.ReadMeta(folder.LatestPath).TotalSteps);
    }

    [Fact]
    public void Resume_without_a_run_names_the_missing_config_and_without_a_checkpoint_starts_over()
    {
        var e = Assert.Throws<SimInputException>(() => RunFolder.Resume(_dir));
        Assert.EndsWith("config.yaml", e.File, StringComparison.Ordinal);
        RunFolder.Create(_dir, Config(64)).Dispose();
        var (folder, config) = RunFolder.Resume(_dir);
        using (folder)
        {
            Assert.False(folder.HasCheckpoint);
            File.WriteAllText(folder.MetricsPath, "stale\n");
            folder.StartOver();
            Assert.False(File.Exists(folder.MetricsPath));
            using var run = new TrainingRun(config, folder, new PointReachEnv(4), new TrainingHooks(), resume: false);
            Assert.Equal(64, run.Run().TotalSteps);
        }
    }

    [Fact]
    public void Non_finite_loss_stops_the_run_and_keeps_the_last_good_checkpoint()
    {
        using var folder = RunFolder.Create(_dir, Config(320));
        // Rewards turn NaN from env step 20 on (iteration 3 of 8-step rollouts): the first update on them is bad.
        using var run = new TrainingRun(Config(320), folder, new NanAfterEnv(new PointReachEnv(4), 20), new TrainingHooks(), resume: false);
        var e = Assert.Throws<SimRuntimeException>(() => run.Run());
        Assert.Contains("diverged at iteration 3", e.Message, StringComparison.Ordinal);
        Assert.Contains(folder.LatestPath, e.Message, StringComparison.Ordinal);
        Assert.Contains($"--resume --out {folder.Directory} --learning-rate ", e.Message, StringComparison.Ordinal);
        // The checkpoint on disk is the one from step 64 (checkpoint_every 32 → saved at 32 and 64), and it loads.
        var (policy, meta) = ModelFile.LoadPolicy(folder.LatestPath);
        using (policy)
        {
            Assert.Equal(64, meta.TotalSteps);
            foreach (var p in policy.Parameters())
            {
                Assert.All(p.ToArray<float>(), v => Assert.True(float.IsFinite(v)));
            }
        }
    }

    [Fact]
    public void Corrupt_or_foreign_model_files_are_input_errors_naming_the_file()
    {
        Directory.CreateDirectory(_dir);
        string corrupt = Path.Combine(_dir, "corrupt.pt");
        File.WriteAllBytes(corrupt, [1, 2, 3, 4, 5]);
        var e = Assert.Throws<SimInputException>(() => ModelFile.LoadPolicy(corrupt));
        Assert.Equal(corrupt, e.File);
        string missing = Path.Combine(_dir, "missing.pt");
        e = Assert.Throws<SimInputException>(() => ModelFile.LoadPolicy(missing));
        Assert.Equal(missing, e.File);
    }

    /// <summary>Fault injection: passes through, but every reward from step <c>from</c> on is NaN.</summary>
    private sealed class NanAfterEnv(IVectorEnv inner, int from) : IVectorEnv
    {
        private int _steps;

        public int NumEnvs => inner.NumEnvs;
        public ObservationSpec ObservationSpec => inner.ObservationSpec;
        public ActionSpec ActionSpec => inner.ActionSpec;
        public ReadOnlySpan<byte> Images => inner.Images;
        public ReadOnlySpan<float> Vectors => inner.Vectors;
        public void Reset(ulong seed) => inner.Reset(seed);

        public void Step(ReadOnlySpan<float> actions, Span<float> rewards, Span<bool> terminated, Span<bool> truncated)
        {
            inner.Step(actions, rewards, terminated, truncated);
            if (++_steps >= from)
            {
                rewards.Fill(float.NaN);
            }
        }
    }
}
