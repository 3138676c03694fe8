using System.Buffers;
using System.Diagnostics;
using Simulator.Core;
using Simulator.Driving.Env;
using Simulator.World;
using Xunit.Abstractions;

namespace Simulator.Driving.Tests;

/// <summary>Checkpoints as a recording's seek uses them, host components, and what saving and loading cost.</summary>
public class StateSeekTests(ITestOutputHelper output)
{
    private static readonly DrivingAction Coast = new(0, 0);

    [Fact]
    public void Restoring_any_checkpoint_of_a_long_run_reproduces_the_recorded_step_hashes()
    {
        var scene = TestScenes.Shipped("two-lane-traffic", e => e with { Laps = 0 });
        var options = new EnvOptions { Autopilot = true };
        const int every = 600, steps = 3600;
        var (env, obs) = TestScenes.Start(scene, 21, options);
        var hashes = new ulong[steps + 1];
        var checkpoints = new List<byte[]>();
        hashes[0] = env.StateHash();
        for (int i = 1; i <= steps; i++)
        {
            if ((i - 1) % every == 0)
            {
                checkpoints.Add(env.SaveState());
            }
            Assert.False(env.Step(Coast, obs).Done, $"the run should not end (step {i})");
            hashes[i] = env.StateHash();
        }
        // Seek backwards through the run with one env, as a replay scrubbing to earlier times would.
        var seeker = new DrivingEnv(scene, options);
        var seekObs = new float[seeker.Observation.VectorSize];
        for (int c = checkpoints.Count - 1; c >= 0; c--)
        {
            int from = c * every;
            seeker.LoadState(checkpoints[c], seekObs);
            Assert.Equal(hashes[from], seeker.StateHash());
            for (int i = from + 1; i <= from + every; i++)
            {
                seeker.Step(Coast, seekObs);
                Assert.True(hashes[i] == seeker.StateHash(), $"step {i} after seeking to checkpoint {c} (step {from}) differs from the recording");
            }
            if (c + 1 < checkpoints.Count)
            {
                // Stepping from one checkpoint to the next arrives at exactly the next checkpoint's bytes.
                Assert.Equal(checkpoints[c + 1], seeker.SaveState());
            }
        }
    }

    [Theory]
    [InlineData("two-lane-traffic")]
    [InlineData("urban-loop")]
    public void Saving_allocates_nothing_and_its_size_and_time_are_reported(string sceneName)
    {
        var scene = TestScenes.Shipped(sceneName);
        var (env, obs) = TestScenes.Start(scene, 4, new EnvOptions { Autopilot = true });
        for (int i = 0; i < 300; i++)
        {
            env.Step(Coast, obs);
        }
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        env.SaveState(buffer);
        int size = buffer.WrittenCount;
        byte[] state = buffer.WrittenSpan.ToArray();
        const int saves = 4000;
        Action saveMany = () =>
        {
            for (int i = 0; i < saves; i++)
            {
                buffer.ResetWrittenCount();
                env.SaveState(buffer);
            }
        };
        saveMany();
        Assert.Equal(0, ThreadAllocations.Smallest(saveMany).Bytes);
        // The best of a few rounds: the machine is shared, and the first rounds may still run unoptimised code.
        double saveUs = double.MaxValue;
        var sw = new Stopwatch();
        for (int round = 0; round < 5; round++)
        {
            sw.Restart();
            saveMany();
            saveUs = Math.Min(saveUs, sw.Elapsed.TotalMicroseconds / saves);
        }

        var other = new DrivingEnv(scene, new EnvOptions { Autopilot = true });
        const int loads = 500;
        double loadUs = double.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            sw.Restart();
            for (int i = 0; i < loads; i++)
            {
                other.LoadState(state);
            }
            loadUs = Math.Min(loadUs, sw.Elapsed.TotalMicroseconds / loads);
        }
        Assert.Equal(env.StateHash(), other.StateHash());
        int vehicles = env.World.Components<Runtime.VehicleBody>().Length;
        output.WriteLine(FormattableString.Invariant(
            $"{sceneName}: {env.World.EntityCount} entities ({vehicles} vehicles), state {size} bytes; SaveState {saveUs:0.00} µs, LoadState {loadUs:0.0} µs (Release, loaded shared machine)"));
    }
}
