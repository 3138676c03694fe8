using System.Globalization;
using System.Text.Json;
using Simulator.Cli.Commands;
using Simulator.Cli.Datasets;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Learning.Driving;
using Simulator.Learning.Env;
using Simulator.Learning.Imitation;
using Simulator.Viewer.Export;

namespace Simulator.Cli.Tests;

/// <summary>`sim dataset`: an autopilot episode of the oval exported to each layout, the files checked, imported back
/// and compared with the actions driven (live episodes here: the same stream of snapshots and actions a replay gives).</summary>
public sealed class DatasetTests
{
    private const int Steps = 2 * 60; // 2 s at 60 Hz: 40 samples at 20 per second

    private static CompiledScene Oval() => SceneCompiler.Load(Path.Combine(DriveModelTests.RepoRoot(), "scenes", "oval.json"));

    /// <summary>The actions a stride-3 walk of the episode labels its samples with (the step after each frame).</summary>
    private static List<DrivingAction> Labels(CompiledScene scene, ulong seed)
    {
        using var env = new DrivingEnv(scene, new EnvOptions { Autopilot = true });
        var source = new LiveEpisodeSource(env, seed, Steps);
        var labels = new List<DrivingAction>();
        while (source.StepForward())
        {
            if ((source.Step - 1) % 3 == 0)
            {
                labels.Add(source.LastAction);
            }
        }
        return labels;
    }

    private static string Temp() => Path.Combine(Path.GetTempPath(), $"sim-dataset-{Guid.NewGuid():N}");

    [Fact]
    public void Udacity_export_has_the_layout_and_imports_back_to_the_actions()
    {
        CompiledScene scene = Oval();
        List<DrivingAction> labels = Labels(scene, 4);
        string root = Temp(), folder = Path.Combine(root, "udacity");
        try
        {
            using var env = new DrivingEnv(scene, new EnvOptions { Autopilot = true });
            int n = DatasetCommand.ExportSources([new LiveEpisodeSource(env, 4, Steps)], DatasetFormat.Udacity, folder, ExportView.Agent, 320, 160, DateTimeOffset.UnixEpoch);
            Assert.Equal(40, n);
            Assert.Equal(labels.Count, n);
            string[] lines = File.ReadAllLines(Path.Combine(folder, "driving_log.csv"));
            Assert.Equal("center,left,right,steering,throttle,brake,speed", lines[0]);
            Assert.Equal(n + 1, lines.Length);
            Assert.Equal(3 * n, Directory.GetFiles(Path.Combine(folder, "IMG"), "*.jpg").Length);
            for (int i = 0; i < n; i++)
            {
                string[] cells = lines[i + 1].Split(',');
                Assert.Equal(7, cells.Length);
                foreach (string image in cells[..3])
                {
                    Assert.StartsWith("IMG/", image, StringComparison.Ordinal);
                    Assert.True(File.Exists(Path.Combine(folder, image)), image);
                }
                double steering = double.Parse(cells[3], CultureInfo.InvariantCulture);
                Assert.InRange(steering, -1, 1);
                Assert.Equal(-labels[i].Steer, steering, 1e-5);
                Assert.Equal(labels[i].Throttle, double.Parse(cells[4], CultureInfo.InvariantCulture), 1e-5);
                Assert.Equal(labels[i].Brake, double.Parse(cells[5], CultureInfo.InvariantCulture), 1e-5);
                Assert.InRange(double.Parse(cells[6], CultureInfo.InvariantCulture), 0, 200); // mph
            }
            // The car starts from rest and speeds up: the last row is faster than the first.
            Assert.True(double.Parse(lines[^1].Split(',')[6], CultureInfo.InvariantCulture) > double.Parse(lines[1].Split(',')[6], CultureInfo.InvariantCulture));
            var (w, h, _) = Jpeg.DecodeRgb(Path.Combine(folder, lines[5].Split(',')[1]));
            Assert.Equal((320, 160), (w, h));
            // Left and right are different views of the same moment.
            Assert.NotEqual(File.ReadAllBytes(Path.Combine(folder, lines[5].Split(',')[1])), File.ReadAllBytes(Path.Combine(folder, lines[5].Split(',')[2])));

            foreach (string image in lines[20].Split(',')[..3])
            {
                // Kept next to the test assembly to look at.
                File.Copy(Path.Combine(folder, image), Path.Combine(AppContext.BaseDirectory, "udacity-" + Path.GetFileName(image)), overwrite: true);
            }
            DemoSet set = DatasetExport.Read(folder, DatasetFormat.Udacity);
            AssertActions(labels, set);
            Assert.Equal((320, 160), (set.Width, set.Height));
            RoundTripFile(set, root);
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, true);
            }
        }
    }

    [Fact]
    public void Donkey_export_has_the_tub_layout_and_imports_back_to_the_actions()
    {
        CompiledScene scene = Oval();
        List<DrivingAction> labels = Labels(scene, 6);
        string root = Temp(), folder = Path.Combine(root, "tub");
        try
        {
            using var env = new DrivingEnv(scene, new EnvOptions { Autopilot = true });
            using var env2 = new DrivingEnv(scene, new EnvOptions { Autopilot = true });
            // Two episodes (the same one twice) make two sessions.
            int n = DatasetCommand.ExportSources([new LiveEpisodeSource(env, 6, Steps), new LiveEpisodeSource(env2, 6, Steps)], DatasetFormat.Donkey, folder,
                ExportView.Agent, 160, 120, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
            Assert.Equal(2 * labels.Count, n);
            string[] manifest = File.ReadAllText(Path.Combine(folder, "manifest.json")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(5, manifest.Length);
            Assert.Equal("cam/image_array", JsonDocument.Parse(manifest[0]).RootElement[0].GetString());
            var catalogs = JsonDocument.Parse(manifest[4]).RootElement;
            Assert.Equal(n, catalogs.GetProperty("current_index").GetInt32());
            Assert.Equal("catalog_0.catalog", catalogs.GetProperty("paths")[0].GetString());
            string catalogText = File.ReadAllText(Path.Combine(folder, "catalog_0.catalog"));
            string[] records = catalogText.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(n, records.Length);
            var lengths = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "catalog_0.catalog_manifest"))).RootElement.GetProperty("line_lengths");
            Assert.Equal(catalogText.Length, lengths.EnumerateArray().Sum(x => x.GetInt32()));
            for (int i = 0; i < n; i++)
            {
                var r = JsonDocument.Parse(records[i]).RootElement;
                Assert.Equal(i, r.GetProperty("_index").GetInt32());
                Assert.Equal(i < labels.Count ? "26-12-01_0" : "26-12-01_1", r.GetProperty("_session_id").GetString());
                Assert.Equal($"{i}_cam_image_array_.jpg", r.GetProperty("cam/image_array").GetString());
                Assert.Equal("user", r.GetProperty("user/mode").GetString());
                DrivingAction a = labels[i % labels.Count];
                Assert.Equal(-a.Steer, r.GetProperty("user/angle").GetDouble(), 1e-6);
                Assert.Equal(a.Accel, r.GetProperty("user/throttle").GetDouble(), 1e-6);
                Assert.True(r.GetProperty("_timestamp_ms").GetInt64() >= new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds());
            }
            var (w, h, _) = Jpeg.DecodeRgb(Path.Combine(folder, "images", "7_cam_image_array_.jpg"));
            Assert.Equal((160, 120), (w, h));

            DemoSet set = DatasetExport.Read(folder, DatasetFormat.Donkey);
            Assert.Equal([0, labels.Count], set.EpisodeStarts);
            AssertActions([.. labels, .. labels], set);
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, true);
            }
        }
    }

    [Fact]
    public void Import_command_writes_a_demonstrations_file_and_refuses_other_folders()
    {
        string root = Temp(), folder = Path.Combine(root, "tub");
        try
        {
            using var env = new DrivingEnv(Oval(), new EnvOptions { Autopilot = true });
            DatasetCommand.ExportSources([new LiveEpisodeSource(env, 2, 30)], DatasetFormat.Donkey, folder, ExportView.Chase, 64, 48, DateTimeOffset.UnixEpoch);
            string demos = Path.Combine(root, "x.demos");
            var (code, output, err) = CliTests.Run("dataset", "import", folder, "--out", demos);
            Assert.True(code == 0, err);
            Assert.Contains("wrote 10 samples in 1 episode(s), 64x48 RGB", output, StringComparison.Ordinal);
            Assert.Equal(10, DemoSet.Load(demos).Count);
            var (bad, _, badErr) = CliTests.Run("dataset", "import", root, "--out", demos);
            Assert.Equal(2, bad);
            Assert.Contains("neither driving_log.csv nor manifest.json", badErr, StringComparison.Ordinal);
            var (notEmpty, _, notEmptyErr) = CliTests.Run("dataset", "export", demos, "--format", "donkey", "--out", folder);
            Assert.Equal(2, notEmpty);
            Assert.DoesNotContain("   at ", notEmptyErr, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, true);
            }
        }
    }

    [Fact]
    public void Train_warm_starts_from_imported_demonstrations_and_refuses_them_for_vector_observations()
    {
        string root = Temp(), folder = Path.Combine(root, "tub");
        try
        {
            using var env = new DrivingEnv(Oval(), new EnvOptions { Autopilot = true });
            DatasetCommand.ExportSources([new LiveEpisodeSource(env, 2, 90)], DatasetFormat.Donkey, folder, ExportView.Agent, 160, 120, DateTimeOffset.UnixEpoch);
            string demos = Path.Combine(root, "tub.demos");
            Assert.Equal(0, CliTests.Run("dataset", "import", folder, "--out", demos).Code);
            string Config(string name, string sensors)
            {
                string path = Path.Combine(root, name + ".yaml");
                File.WriteAllText(path, $$"""
                    name: {{name}}
                    seed: 3
                    envs: 2
                    total_steps: 32
                    action_repeat: 3
                    generator:
                      first_seed: 5
                      count: 2
                      length: 400
                      time_limit: 4
                    {{sensors}}
                    ppo:
                      rollout_length: 16
                      epochs: 1
                      minibatches: 2
                    bc:
                      demos: ["{{demos}}", "{{folder}}"]
                      epochs: 2
                      batch_size: 8
                    eval:
                      every: 32
                      episodes: 1
                      tracks: 1
                      max_steps: 20
                    checkpoint_every: 32
                    """);
                return path;
            }
            string camera = Config("camera", "  ego_sensors: [ { type: camera, width: 64, height: 64 } ]");
            var (code, output, err) = CliTests.Run("train", "--config", camera, "--out", Path.Combine(root, "run"));
            Assert.True(code == 0, err + output);
            Assert.Contains("behaviour cloning warm start on 60 demonstration samples", output, StringComparison.Ordinal); // 30 per copy

            (code, _, err) = CliTests.Run("train", "--config", Config("vector", "  max_speed: 20"), "--out", Path.Combine(root, "run2"));
            Assert.Equal(2, code);
            Assert.Contains("camera frames only", err, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, true);
            }
        }
    }

    private static void AssertActions(List<DrivingAction> expected, DemoSet set)
    {
        Assert.Equal(expected.Count, set.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Steer, set.Actions[2 * i], 1e-5);
            Assert.Equal(expected[i].Accel, set.Actions[2 * i + 1], 1e-5);
        }
    }

    /// <summary>Save/Load keeps every value; the behaviour-cloning layout resizes, stacks and maps actions.</summary>
    private static void RoundTripFile(DemoSet set, string root)
    {
        string file = Path.Combine(root, "set.demos");
        set.Save(file);
        DemoSet back = DemoSet.Load(file);
        Assert.Equal(set.Pixels, back.Pixels);
        Assert.Equal(set.Actions, back.Actions);
        Assert.Equal(set.EpisodeStarts, back.EpisodeStarts);
        BcDataset bc = back.ToBcDataset(new ObservationSpec(3, 40, 80, 0), 2, DrivingActionMode.Continuous);
        bc.Validate(new ObservationSpec(3, 40, 80, 0), 2, ActionSpec.Continuous([-1f, -1f], [1f, 1f]));
        // Sample 0's stack repeats its frame (episode start); later stacks hold the previous frame, then their own.
        int frame = 3 * 40 * 80;
        Assert.Equal(bc.Images.AsSpan(0, frame).ToArray(), bc.Images.AsSpan(frame, frame).ToArray());
        Assert.Equal(bc.Images.AsSpan(frame, frame).ToArray(), bc.Images.AsSpan(2 * frame, frame).ToArray());
        BcDataset discrete = back.ToBcDataset(new ObservationSpec(3, 160, 320, 0), 1, DrivingActionMode.Discrete);
        Assert.Equal(set.Count, discrete.Actions.Length);
        Assert.Throws<Core.SimInputException>(() => back.ToBcDataset(new ObservationSpec(3, 40, 80, 12), 1, DrivingActionMode.Continuous));
    }
}
