using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Learning.Imitation;
using Simulator.Recording;

namespace Simulator.Cli.Tests;

/// <summary>`sim replay FILE --export/--frames` and `sim dataset export` on a recorded 4-second autopilot episode of
/// the oval: videos checked with ffprobe, frame folders counted, bad inputs refused with one clear line.</summary>
public sealed class ReplayExportTests : IClassFixture<ReplayExportTests.Recorded>, IDisposable
{
    /// <summary>One recording shared by the tests of this class.</summary>
    public sealed class Recorded : IDisposable
    {
        public Recorded()
        {
            Folder = Path.Combine(Path.GetTempPath(), $"sim-replay-export-{Guid.NewGuid():N}");
            Directory.CreateDirectory(Folder);
            File = Path.Combine(Folder, "oval.mcap");
            var scene = SceneCompiler.Load(Path.Combine(DriveModelTests.RepoRoot(), "scenes", "oval.json"));
            using var env = new DrivingEnv(scene, new EnvOptions { Autopilot = true });
            EpisodeRecorder.RecordEpisode(File, env, 11, null, new RecorderOptions { Source = "ReplayExportTests" }, maxSteps: 4 * 60);
        }

        public string Folder { get; }
        public string File { get; }

        public void Dispose() => Directory.Delete(Folder, true);
    }

    private readonly Recorded _recorded;
    private readonly string _out = Path.Combine(Path.GetTempPath(), $"sim-replay-out-{Guid.NewGuid():N}");

    public ReplayExportTests(Recorded recorded)
    {
        _recorded = recorded;
        Directory.CreateDirectory(_out);
    }

    public void Dispose() => Directory.Delete(_out, true);

    [Fact]
    public void Mp4_from_1_to_3_seconds_has_60_frames_of_the_asked_size()
    {
        string mp4 = Path.Combine(_out, "x.mp4");
        var (code, output, err) = CliTests.Run("replay", _recorded.File, "--export", mp4, "--from", "1", "--to", "3", "--export-size", "320x180");
        Assert.True(code == 0, err);
        var v = FfProbe.Video(mp4);
        Assert.Equal((320, 180, 60), (v.Width, v.Height, v.Frames));
        Assert.InRange(v.Duration, 1.95, 2.05);
        Assert.Contains("exported 60 frames (2.00 s from 1.00 s at 30 frames/s, 320x180, chase camera)", output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_out, ".*"));
    }

    [Fact]
    public void Gif_of_the_top_view_and_png_frames_of_the_agent_view()
    {
        string gif = Path.Combine(_out, "x.gif");
        var (code, _, err) = CliTests.Run("replay", _recorded.File, "--export", gif, "--to", "1.5", "--camera", "top", "--export-size", "160x90");
        Assert.True(code == 0, err);
        var g = FfProbe.Video(gif);
        Assert.Equal((160, 90, 30), (g.Width, g.Height, g.Frames));
        Assert.InRange(g.Duration, 1.45, 1.55);

        string frames = Path.Combine(_out, "frames");
        (code, _, err) = CliTests.Run("replay", _recorded.File, "--frames", frames, "--from", "3", "--to", "99", "--camera", "agent", "--export-size", "96x64");
        Assert.True(code == 0, err);
        Assert.Equal(30, Directory.GetFiles(frames, "frame-*.png").Length); // 1 s left at 30 frames/s
    }

    [Theory]
    [InlineData("--from", "3", "--to", "1", "--from 3 must be before --to 1")]
    [InlineData("--from", "9", "--to", "12", "holds no frame")]
    public void Empty_ranges_are_bad_input(string a, string b, string c, string d, string message)
    {
        var (code, _, err) = CliTests.Run("replay", _recorded.File, "--export", Path.Combine(_out, "x.mp4"), a, b, c, d);
        Assert.Equal(2, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_out));
    }

    [Fact]
    public void Unknown_video_format_is_bad_input()
    {
        var (code, _, err) = CliTests.Run("replay", _recorded.File, "--export", Path.Combine(_out, "x.avi"));
        Assert.Equal(2, code);
        Assert.Contains("use a file name ending in .mp4 or .gif", err, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_out));
    }

    [Fact]
    public void Missing_ffmpeg_is_one_line_saying_how_to_install_it()
    {
        string empty = Path.Combine(_out, "bin");
        Directory.CreateDirectory(empty);
        using var p = SimProcess.Start(new Dictionary<string, string?> { ["PATH"] = empty },
            "replay", _recorded.File, "--export", Path.Combine(_out, "x.mp4"), "--export-size", "64x64");
        p.WaitForExit();
        Assert.Equal(1, p.ExitCode);
        string[] lines = p.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains("apt-get install -y ffmpeg", lines[0], StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_out, "x.mp4")));
    }

    [Fact]
    public void Dataset_round_trip_of_the_recording_in_both_layouts_gives_back_the_driven_actions()
    {
        // The actions the ego applied after each sampled frame (every 3rd step), read from a replay.
        var expected = new List<DrivingAction>();
        using (var recording = EpisodeRecording.Open(_recorded.File))
        using (var session = new ReplaySession(recording))
        {
            while (session.StepForward())
            {
                if ((session.Step - 1) % 3 == 0)
                {
                    expected.Add(session.Env.Ego.LastAction);
                }
            }
        }
        Assert.Equal(80, expected.Count); // 4 s at 20 samples per second
        Assert.Contains(expected, a => a.Throttle > 0.1f); // the autopilot drove: not the zeros an autopilot recording stores
        foreach (string format in new[] { "udacity", "donkey" })
        {
            string folder = Path.Combine(_out, format);
            var (code, output, err) = CliTests.Run("dataset", "export", _recorded.File, "--format", format, "--out", folder);
            Assert.True(code == 0, err);
            Assert.Contains("wrote 80 samples of 1 recording(s)", output, StringComparison.Ordinal);
            if (format == "udacity")
            {
                Assert.Equal(81, File.ReadAllLines(Path.Combine(folder, "driving_log.csv")).Length);
                Assert.Equal(240, Directory.GetFiles(Path.Combine(folder, "IMG"), "*.jpg").Length);
            }
            else
            {
                Assert.Equal(80, File.ReadAllText(Path.Combine(folder, "catalog_0.catalog")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
                Assert.Equal(80, Directory.GetFiles(Path.Combine(folder, "images"), "*.jpg").Length);
            }
            string demos = Path.Combine(_out, format + ".demos");
            (code, _, err) = CliTests.Run("dataset", "import", folder, "--format", format, "--out", demos);
            Assert.True(code == 0, err);
            DemoSet set = DemoSet.Load(demos);
            Assert.Equal(expected.Count, set.Count);
            Assert.Equal(format == "udacity" ? (320, 160) : (160, 120), (set.Width, set.Height));
            for (int i = 0; i < set.Count; i++)
            {
                Assert.Equal(expected[i].Steer, set.Actions[2 * i], 1e-5);
                Assert.Equal(expected[i].Accel, set.Actions[2 * i + 1], 1e-5);
            }
        }
    }

    [Fact]
    public void Train_warm_starts_from_the_recording()
    {
        string config = Path.Combine(_out, "camera.yaml");
        File.WriteAllText(config, $$"""
            name: recording-demos
            seed: 3
            envs: 2
            total_steps: 32
            action_repeat: 3
            generator:
              first_seed: 5
              count: 2
              length: 400
              time_limit: 4
              ego_sensors: [ { type: camera, width: 48, height: 48 } ]
            ppo:
              rollout_length: 16
              epochs: 1
              minibatches: 2
            bc:
              demos: ["{{_recorded.File}}"]
              epochs: 1
              batch_size: 16
            eval:
              every: 32
              episodes: 1
              tracks: 1
              max_steps: 20
            checkpoint_every: 32
            """);
        var (code, output, err) = CliTests.Run("train", "--config", config, "--out", Path.Combine(_out, "run"));
        Assert.True(code == 0, err + output);
        Assert.Contains("behaviour cloning warm start on 80 demonstration samples", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Recordings_in_bc_demos_are_rendered_from_the_training_camera()
    {
        // An oval whose ego carries the training camera: rendering its recording from its own sensor and from the
        // training camera's mount must give the same frames; the oval recorded without a camera (bonnet view) differs.
        var front = Driving.Cameras.CameraSetups.Front(48, 48);
        var description = Driving.Scenes.SceneLoader.LoadFile(Path.Combine(DriveModelTests.RepoRoot(), "scenes", "oval.json"));
        var scene = SceneCompiler.Compile(Driving.Cameras.CameraSetups.WithCamera(description, front));
        string file = Path.Combine(_out, "camera.mcap");
        using (var env = new DrivingEnv(scene, new EnvOptions { Autopilot = true }))
        {
            EpisodeRecorder.RecordEpisode(file, env, 11, null, new RecorderOptions(), maxSteps: 60);
        }
        var spec = new Learning.Env.ObservationSpec(3, 48, 48, 0);
        BcDataset own = Datasets.DemoSources.Load([file], spec, 1, Learning.Driving.DrivingActionMode.Continuous, 3, camera: null);
        BcDataset mounted = Datasets.DemoSources.Load([file], spec, 1, Learning.Driving.DrivingActionMode.Continuous, 3, front);
        Assert.Equal(20, own.Count);
        Assert.Equal(own.Images, mounted.Images);
        Assert.Equal(own.Actions, mounted.Actions);
        BcDataset bonnet = Datasets.DemoSources.Load([_recorded.File], spec, 1, Learning.Driving.DrivingActionMode.Continuous, 3, camera: null);
        BcDataset trainingCamera = Datasets.DemoSources.Load([_recorded.File], spec, 1, Learning.Driving.DrivingActionMode.Continuous, 3, front);
        Assert.NotEqual(bonnet.Images, trainingCamera.Images);
    }
}
