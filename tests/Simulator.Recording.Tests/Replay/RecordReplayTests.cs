using System.Diagnostics;
using Simulator.Core;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;
using Xunit.Abstractions;

namespace Simulator.Recording.Tests.Replay;

public class RecordReplayTests(ITestOutputHelper output)
{
    /// <summary>Steps a replay to its end; returns the per-step state hashes it saw.</summary>
    private static List<ulong> ReplayAll(EpisodeRecording recording)
    {
        using var replay = new ReplaySession(recording);
        var hashes = new List<ulong>();
        while (replay.StepForward())
        {
            hashes.Add(replay.Env.StateHash());
        }
        Assert.Null(replay.Divergence);
        Assert.Equal(recording.Steps, replay.Step);
        if (recording.FinalStateHash is { } final)
        {
            Assert.Equal(final, replay.Env.StateHash());
        }
        return hashes;
    }

    [Fact]
    public void Ten_thousand_steps_with_traffic_and_walkers_replay_bit_exactly()
    {
        using var dir = RecordingTestData.Folder();
        // urban-loop has IDM traffic and walkers at crosswalks; no lap limit, so the episode runs its 200 s.
        var description = RecordingTestData.Describe("urban-loop");
        description = description with { Episode = description.Episode with { Laps = 0, TimeLimit = 200, StallTime = 200 } };
        var scene = SceneCompiler.Compile(description);
        Assert.NotEmpty(scene.Description.Traffic);
        Assert.NotEmpty(scene.Description.Crosswalks);
        var env = new DrivingEnv(scene, new EnvOptions { Autopilot = true, AutopilotSteerNoise = 0.05 });
        string path = dir.File("long.mcap");
        var live = new List<ulong>();
        var obs = new float[env.Observation.VectorSize];
        env.Reset(21, obs);
        EpisodeSummary summary;
        using (var recorder = EpisodeRecorder.Start(path, env, 21, new RecorderOptions { Source = "test" }))
        {
            StepOutcome o = default;
            while (!o.Done)
            {
                o = env.Step(default(DrivingAction), obs);
                recorder.Step(default, o);
                live.Add(env.StateHash());
            }
            summary = recorder.Complete();
        }
        Assert.True(live.Count >= 10_000, $"the episode ran {live.Count} steps");
        using var recording = EpisodeRecording.Open(path);
        Assert.Null(recording.RecoveryWarning);
        Assert.Equal(live.Count, recording.Steps);
        Assert.Equal(summary, recording.Summary);
        Assert.Equal(live, ReplayAll(recording));
        output.WriteLine($"{live.Count} steps, {new FileInfo(path).Length / 1024.0:0.0} KiB, {recording.Events.Count} events");
    }

    [Fact]
    public void A_policy_drives_and_its_actions_replay_exactly()
    {
        using var dir = RecordingTestData.Folder();
        var scene = RecordingTestData.Scene("two-lane-traffic");
        var env = new DrivingEnv(scene);
        string path = dir.File("policy.mcap");
        EpisodeSummary summary = EpisodeRecorder.RecordEpisode(path, env, 5, RecordingTestData.NoisyController(5), maxSteps: 3000);
        // The same episode without a recorder: recording only reads the env.
        EpisodeSummary plain = EpisodeRunner.Run(new DrivingEnv(scene), 5, RecordingTestData.NoisyController(5), maxSteps: 3000);
        Assert.Equal(plain, summary);
        using var recording = EpisodeRecording.Open(path);
        Assert.False(recording.Header.Autopilot);
        Assert.Equal(summary.Steps, recording.Steps);
        ReplayAll(recording);
    }

    [Fact]
    public void Hundred_episodes_of_different_scenes_replay_bit_exactly()
    {
        using var dir = RecordingTestData.Folder();
        var urban = RecordingTestData.Scene("urban-loop");
        var options = new SceneGeneratorOptions { TrafficDensity = 8, ObstacleDensity = 2, Length = 700 };
        int finished = 0;
        for (int i = 0; i < 100; i++)
        {
            CompiledScene scene = i % 4 == 0 ? urban : SceneGenerator.Generate((ulong)(1000 + i), options);
            var env = new DrivingEnv(scene, new EnvOptions { Autopilot = i % 2 == 0, AutopilotSteerNoise = 0.1 });
            string path = dir.File($"ep{i:000}.mcap");
            DrivingPolicy? policy = i % 2 == 0 ? null : RecordingTestData.NoisyController(i);
            EpisodeSummary s = EpisodeRecorder.RecordEpisode(path, env, (ulong)i, policy, new RecorderOptions { VisualHz = i % 3 }, maxSteps: 400);
            finished += s.End != EpisodeEnd.None ? 1 : 0;
            using var recording = EpisodeRecording.Open(path);
            Assert.Equal(s.Steps, recording.Steps);
            ReplayAll(recording);
        }
        output.WriteLine($"100 episodes replayed bit-exactly; {finished} ended inside their first 400 steps");
    }

    [Fact]
    public void Seeking_a_thirty_minute_recording_lands_on_the_recorded_state()
    {
        using var dir = RecordingTestData.Folder();
        var scene = SceneCompiler.Compile(Diagnostics.RecordBenchmark.WithTraffic(RecordingTestData.Describe("two-lane-traffic"), 20, 1800));
        var env = new DrivingEnv(scene, new EnvOptions { Autopilot = true });
        string path = dir.File("half-hour.mcap");
        var clock = Stopwatch.StartNew();
        EpisodeSummary s = EpisodeRecorder.RecordEpisode(path, env, 3);
        double recordSeconds = clock.Elapsed.TotalSeconds;
        Assert.Equal(EpisodeEnd.TimeLimit, s.End);
        Assert.Equal(108_000, s.Steps);
        using var recording = EpisodeRecording.Open(path);
        using var replay = new ReplaySession(recording);
        var rng = new Random(11);
        var times = new List<double>();
        long[] targets = [.. Enumerable.Range(0, 40).Select(_ => (long)rng.Next(0, 108_001)), 0, 1, 107_999, 108_000, 600, 599, 601];
        foreach (long target in targets)
        {
            clock.Restart();
            replay.Seek(target);
            times.Add(clock.Elapsed.TotalMilliseconds);
            Assert.Equal(target, replay.Step);
            Assert.Null(replay.Divergence); // every re-simulated step, and the restored checkpoint, matched its recorded hash
        }
        // Back to the start twice: the same snapshot as the first time (the episode is not counted again).
        replay.Seek(0);
        ulong startSnapshot = replay.Snapshot.ContentHash();
        replay.Seek(300);
        replay.Seek(0);
        Assert.Equal(startSnapshot, replay.Snapshot.ContentHash());
        Assert.Equal(1, replay.Snapshot.Episode);
        // Step back equals the state one step earlier.
        replay.Seek(54_321);
        ulong at = replay.Env.StateHash();
        replay.StepForward();
        Assert.True(replay.StepBack());
        Assert.Equal(54_321, replay.Step);
        Assert.Equal(at, replay.Env.StateHash());
        times.Sort();
        output.WriteLine($"recorded 30 simulated minutes in {recordSeconds:0.0} s, {new FileInfo(path).Length / 1e6:0.00} MB; seek median {times[times.Count / 2]:0.0} ms, max {times[^1]:0.0} ms over {times.Count} seeks");
    }

    [Fact]
    public void One_ego_and_twenty_vehicles_stay_under_twenty_megabytes_per_simulated_hour()
    {
        using var dir = RecordingTestData.Folder();
        var scene = SceneCompiler.Compile(Diagnostics.RecordBenchmark.WithTraffic(RecordingTestData.Describe("two-lane-traffic"), 20, 600));
        var env = new DrivingEnv(scene, new EnvOptions { Autopilot = true });
        string path = dir.File("ten-minutes.mcap");
        EpisodeSummary s = EpisodeRecorder.RecordEpisode(path, env, 9);
        Assert.Equal(36_000, s.Steps);
        double perHour = new FileInfo(path).Length * 6.0;
        output.WriteLine($"10 simulated minutes: {new FileInfo(path).Length / 1e6:0.000} MB, {perHour / 1e6:0.00} MB per simulated hour");
        Assert.True(perHour <= 20e6, $"{perHour / 1e6:0.00} MB per simulated hour");
    }

    [Fact]
    public void A_copy_taken_while_recording_recovers_all_but_at_most_one_simulated_second()
    {
        // What kill -9 leaves is what the file held at that moment: copies taken while writing stand for it.
        using var dir = RecordingTestData.Folder();
        var scene = SceneCompiler.Compile(Diagnostics.RecordBenchmark.WithTraffic(RecordingTestData.Describe("two-lane-traffic"), 10, 120));
        var env = new DrivingEnv(scene, new EnvOptions { Autopilot = true });
        var obs = new float[env.Observation.VectorSize];
        string path = dir.File("live.mcap");
        env.Reset(4, obs);
        var rng = new Random(4);
        var copies = new List<(string File, long Steps)>();
        int hz = (int)Math.Round(1 / scene.FixedDeltaTime);
        using (var recorder = EpisodeRecorder.Start(path, env, 4, new RecorderOptions()))
        {
            var copyAt = new SortedSet<int>(Enumerable.Range(0, 20).Select(_ => rng.Next(1, 120 * hz)));
            StepOutcome o = default;
            for (int step = 1; !o.Done; step++)
            {
                o = env.Step(default(DrivingAction), obs);
                recorder.Step(default, o);
                if (copyAt.Contains(step))
                {
                    string copy = dir.File($"copy-{step}.mcap");
                    File.Copy(path, copy);
                    copies.Add((copy, step));
                }
            }
            recorder.Complete();
        }
        foreach (var (file, steps) in copies)
        {
            using var recording = EpisodeRecording.Open(file);
            Assert.NotNull(recording.RecoveryWarning);
            Assert.Null(recording.Summary);
            Assert.InRange(recording.Steps, steps - hz, steps);
            ReplayAll(recording);
            output.WriteLine($"copy at step {steps}: recovered {recording.Steps} ({(steps - recording.Steps) / (double)hz:0.00} s lost): {recording.RecoveryWarning}");
        }
    }

    [Fact]
    public void A_writer_thread_that_is_not_scheduled_holds_up_neither_the_simulation_nor_what_a_kill_keeps()
    {
        // A busy or virtual machine may not run the writer thread for milliseconds, hundreds of steps of a headless run.
        // The simulation then writes the waiting blocks (and checkpoints) itself instead of waiting: a writer held here
        // for 20 simulated seconds stops nothing, and the file on disk still lags by under one simulated second.
        using var dir = RecordingTestData.Folder();
        var scene = SceneCompiler.Compile(Diagnostics.RecordBenchmark.WithTraffic(RecordingTestData.Describe("two-lane-traffic"), 6, 40));
        var env = new DrivingEnv(scene, new EnvOptions { Autopilot = true });
        var obs = new float[env.Observation.VectorSize];
        string path = dir.File("held.mcap");
        int hz = (int)Math.Round(1 / scene.FixedDeltaTime);
        env.Reset(5, obs);
        var live = new List<ulong>();
        var copies = new List<(string File, long Steps)>();
        using var hold = new ManualResetEventSlim(false);
        using (var recorder = EpisodeRecorder.Start(path, env, 5, new RecorderOptions { VisualHz = 0 }))
        {
            recorder.HoldWriter = hold;
            try
            {
                StepOutcome o = default;
                for (int step = 1; !o.Done; step++)
                {
                    o = env.Step(default(DrivingAction), obs);
                    recorder.Step(default, o);
                    live.Add(env.StateHash());
                    if (step <= 20 * hz && step % (4 * hz) == hz / 3)
                    {
                        string copy = dir.File($"copy-{step}.mcap");
                        File.Copy(path, copy);
                        copies.Add((copy, step));
                    }
                    if (step == 20 * hz)
                    {
                        // All but the first block or two (the writer may take one batch after the hold is set) were
                        // written by the simulation.
                        long heldBlocks = recorder.Blocks;
                        output.WriteLine($"held: {recorder.SimulationWrites} of {heldBlocks} blocks written by the simulation, waited {recorder.WaitedForWriter.TotalMilliseconds:0.0} ms");
                        Assert.InRange(recorder.SimulationWrites, heldBlocks - 3, heldBlocks);
                        hold.Set();
                    }
                }
            }
            finally
            {
                hold.Set(); // never leave the writer held: disposing the recorder joins it
            }
            recorder.Complete();
            output.WriteLine($"{recorder.SimulationWrites} of {recorder.Blocks} blocks written by the simulation thread");
        }
        Assert.Equal(5, copies.Count);
        foreach (var (file, steps) in copies)
        {
            using var recording = EpisodeRecording.Open(file);
            Assert.NotNull(recording.RecoveryWarning);
            Assert.InRange(recording.Steps, steps - hz, steps);
            Assert.Equal(live.Take((int)recording.Steps), ReplayAll(recording));
        }
        using var complete = EpisodeRecording.Open(path);
        Assert.Null(complete.RecoveryWarning);
        Assert.Equal(live, ReplayAll(complete));
        // The checkpoints the simulation wrote serve seeking: land on a step past the second one, from it.
        using var replay = new ReplaySession(complete);
        replay.Seek(25 * hz + 7);
        Assert.Null(replay.Divergence);
        Assert.Equal(live[25 * hz + 6], replay.Env.StateHash());
    }

    [Fact]
    public void A_simulation_that_pauses_wakes_the_sleeping_writer_and_still_loses_under_one_second()
    {
        // The writer polls while blocks come quickly and sleeps once none came for a few milliseconds (a paused
        // viewer, a slow policy): the next block must wake it, or a kill after the pause would lose more than a second.
        using var dir = RecordingTestData.Folder();
        var scene = SceneCompiler.Compile(Diagnostics.RecordBenchmark.WithTraffic(RecordingTestData.Describe("two-lane-traffic"), 4, 60));
        var env = new DrivingEnv(scene, new EnvOptions { Autopilot = true });
        var obs = new float[env.Observation.VectorSize];
        string path = dir.File("paused.mcap");
        int hz = (int)Math.Round(1 / scene.FixedDeltaTime);
        env.Reset(9, obs);
        var copies = new List<(string File, long Steps)>();
        using (var recorder = EpisodeRecorder.Start(path, env, 9, new RecorderOptions()))
        {
            StepOutcome o = default;
            for (int step = 1; !o.Done && step <= 12 * hz; step++)
            {
                o = env.Step(default(DrivingAction), obs);
                recorder.Step(default, o);
                if (step % (2 * hz) == 0)
                {
                    Thread.Sleep(30); // long enough for the writer to fall asleep
                }
                if (step % (2 * hz) == hz)
                {
                    // A second of steps after the pause: the blocks of that second must be out, not waiting for a poll.
                    Thread.Sleep(30);
                    string copy = dir.File($"copy-{step}.mcap");
                    File.Copy(path, copy);
                    copies.Add((copy, step));
                }
            }
            recorder.Complete();
        }
        Assert.NotEmpty(copies);
        foreach (var (file, steps) in copies)
        {
            using var recording = EpisodeRecording.Open(file);
            Assert.InRange(recording.Steps, steps - hz / 2, steps);
            ReplayAll(recording);
        }
        using (var complete = EpisodeRecording.Open(path))
        {
            Assert.Null(complete.RecoveryWarning);
            ReplayAll(complete);
        }
    }

    [Fact]
    public void Truncated_and_corrupted_recordings_give_clear_errors_or_partial_replays()
    {
        using var dir = RecordingTestData.Folder();
        var env = new DrivingEnv(RecordingTestData.Scene("urban-loop"), new EnvOptions { Autopilot = true });
        string path = dir.File("source.mcap");
        EpisodeRecorder.RecordEpisode(path, env, 8, maxSteps: 1500, options: new RecorderOptions { CheckpointSeconds = 5 });
        byte[] bytes = File.ReadAllBytes(path);
        var rng = new Random(2024);
        int opened = 0, refused = 0, damaged = 0;
        for (int i = 0; i < 300; i++)
        {
            byte[] mutated = i % 2 == 0 ? bytes[..rng.Next(0, bytes.Length)] : Flip(bytes, rng);
            string file = dir.File($"case-{i}.mcap");
            File.WriteAllBytes(file, mutated);
            var watch = Stopwatch.StartNew();
            try
            {
                using var recording = EpisodeRecording.Open(file);
                opened++;
                using var replay = new ReplaySession(recording);
                replay.Seek(recording.Steps);
                replay.Seek(recording.Steps / 2);
                _ = recording.Events.Count;
            }
            catch (SimInputException e)
            {
                refused++;
                Assert.Contains(file, e.Message, StringComparison.Ordinal);
            }
            catch (SimRuntimeException)
            {
                damaged++;
            }
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"case {i} took {watch.Elapsed}");
            File.Delete(file);
        }
        output.WriteLine($"300 mutations: {opened} opened, {refused} refused with a clear error, {damaged} stopped during replay");
        Assert.True(opened > 0 && refused > 0);

        static byte[] Flip(byte[] source, Random rng)
        {
            byte[] copy = (byte[])source.Clone();
            int flips = rng.Next(1, 9);
            for (int k = 0; k < flips; k++)
            {
                copy[rng.Next(copy.Length)] ^= (byte)(1 << rng.Next(8));
            }
            return copy;
        }
    }

    [Fact]
    public void A_foreign_file_is_refused_with_its_name()
    {
        using var dir = RecordingTestData.Folder();
        string png = dir.File("not-a-recording.mcap");
        File.WriteAllBytes(png, [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 0, 0, 0, 13]);
        var e = Assert.Throws<SimInputException>(() => EpisodeRecording.Open(png));
        Assert.Contains("not-a-recording.mcap", e.Message, StringComparison.Ordinal);
        Assert.Throws<SimInputException>(() => EpisodeRecording.Open(dir.File("missing.mcap")));
    }

    [Fact]
    public void A_recording_of_another_format_is_refused_with_both_versions_named()
    {
        using var dir = RecordingTestData.Folder();
        string path = dir.File("short.mcap");
        var env = new DrivingEnv(RecordingTestData.Scene("oval"), new EnvOptions { Autopilot = true });
        var obs = new float[env.Observation.VectorSize];
        env.Reset(3, obs);
        using (var recorder = EpisodeRecorder.Start(path, env, 3, new RecorderOptions { Source = "test" }))
        {
            for (int i = 0; i < 90; i++)
            {
                recorder.Step(default, env.Step(default(DrivingAction), obs));
            }
            recorder.Complete();
        }
        using var recording = EpisodeRecording.Open(path);
        Assert.Equal(EpisodeRecorder.FormatVersion, recording.Header.FormatVersion);
        // Format 2 kept state hashes of the previous hash function: its files would fail every step of --verify.
        var older = RecordingHeaderCodec.ToMetadata(recording.Header with { FormatVersion = 2 }, recording.Layout);
        var e = Assert.Throws<FormatException>(() => RecordingHeaderCodec.FromMetadata(older, recording.Header.SceneJson, path));
        Assert.Contains("recording format 2", e.Message, StringComparison.Ordinal);
        Assert.Contains($"reads format {EpisodeRecorder.FormatVersion}", e.Message, StringComparison.Ordinal);
        var same = RecordingHeaderCodec.ToMetadata(recording.Header, recording.Layout);
        Assert.Equal(recording.Header.Seed, RecordingHeaderCodec.FromMetadata(same, recording.Header.SceneJson, path).Header.Seed);
    }

    [Fact]
    public void A_recording_never_replaces_a_file()
    {
        using var dir = RecordingTestData.Folder();
        string path = dir.File("taken.mcap");
        File.WriteAllText(path, "precious");
        var env = new DrivingEnv(RecordingTestData.Scene("oval"), new EnvOptions { Autopilot = true });
        var obs = new float[env.Observation.VectorSize];
        env.Reset(1, obs);
        Assert.Throws<SimInputException>(() => EpisodeRecorder.Start(path, env, 1));
        Assert.Equal("precious", File.ReadAllText(path));
    }

    [Fact]
    public void A_vector_env_records_every_second_episode_of_each_env_into_a_folder()
    {
        using var dir = RecordingTestData.Folder();
        var scene = RecordingTestData.Scene("oval");
        using var vec = new VectorEnv(scene, 4, new EnvOptions { Autopilot = true });
        using var folder = new RecordingFolder(dir.Path, new RecorderOptions(), every: 2, keepUnfinished: false);
        vec.Sink = folder;
        vec.Reset(77);
        var actions = new float[8];
        var ended = 0;
        while (ended < 10)
        {
            vec.Step(actions);
            for (int i = 0; i < 4; i++)
            {
                ended += vec.Terminated[i] || vec.Truncated[i] ? 1 : 0;
            }
        }
        folder.Dispose();
        Assert.NotEmpty(folder.Files);
        Assert.Equal(folder.Files.Count, Directory.GetFiles(dir.Path, "*.mcap").Length); // unfinished ones were deleted
        foreach (string file in folder.Files)
        {
            using var recording = EpisodeRecording.Open(file);
            Assert.NotNull(recording.Summary);
            ReplayAll(recording);
        }
    }

    [Fact]
    public void Camera_frames_are_written_when_asked_for()
    {
        using var dir = RecordingTestData.Folder();
        var env = new DrivingEnv(RecordingTestData.Scene("oval"), new EnvOptions { Autopilot = true });
        var obs = new float[env.Observation.VectorSize];
        env.Reset(2, obs);
        string path = dir.File("frames.mcap");
        var pixels = new byte[32 * 24 * 4];
        new Random(3).NextBytes(pixels);
        using (var recorder = EpisodeRecorder.Start(path, env, 2, new RecorderOptions { CameraFrames = true }))
        {
            for (int i = 0; i < 120; i++)
            {
                StepOutcome o = env.Step(default(DrivingAction), obs);
                recorder.Step(default, o);
                if (i % 4 == 0)
                {
                    recorder.Frame(pixels, 32, 24, 4);
                }
            }
        }
        using var reader = Simulator.Recording.Mcap.McapReader.Open(path);
        var camera = reader.Channels.Values.Single(c => c.Topic == "/camera/agent");
        Assert.Equal(30UL, reader.MessageCounts[camera.Id]);
        using var recording = EpisodeRecording.Open(path);
        Assert.True(recording.Header.CameraFrames);
        Assert.Null(recording.Summary);
        Assert.Equal(120, recording.Steps);
    }
}
