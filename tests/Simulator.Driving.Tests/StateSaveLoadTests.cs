using System.Runtime.InteropServices;
using Simulator.Core;
using Simulator.Driving.Env;
using Xunit.Abstractions;

namespace Simulator.Driving.Tests;

/// <summary>
/// Checkpoints: a state saved from one env and loaded into a fresh env (or back into the same env) continues
/// bit-identically: state hashes, snapshots, observations, rewards, infos and episode ends.
/// </summary>
public partial class StateSaveLoadTests(ITestOutputHelper output)
{
    public enum Driver { Policy, Autopilot, NoisyAutopilot }

    private static readonly DrivingAction Coast = new(0, 0);

    public static IEnumerable<object[]> Cases()
    {
        foreach (var scene in ShippedScenes.Names())
        {
            foreach (var driver in Enum.GetValues<Driver>())
            {
                yield return [scene[0], driver];
            }
        }
    }

    private static EnvOptions OptionsFor(Driver driver) => driver switch
    {
        Driver.Autopilot => new EnvOptions { Autopilot = true },
        Driver.NoisyAutopilot => new EnvOptions { Autopilot = true, AutopilotSteerNoise = 0.3 },
        _ => new EnvOptions(),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Loaded_state_continues_bit_identically_in_a_new_env(string sceneName, Driver driver)
    {
        var scene = TestScenes.Shipped(sceneName);
        var options = OptionsFor(driver);
        var pick = Rng.Create((ulong)sceneName.Length * 31 + (ulong)driver, RngStream.Custom);
        int[] saveAfter = [0, 1, pick.Range(2, 40), pick.Range(200, 700)];
        int ends = 0;
        foreach (int k in saveAfter)
        {
            const ulong seed = 11;
            var (a, obsA) = TestScenes.Start(scene, seed, options);
            var actionsA = new Actions(seed);
            Advance(a, obsA, actionsA, k, seed);
            byte[] state = a.SaveState();

            var b = new DrivingEnv(scene, options);
            var obsB = new float[b.Observation.VectorSize];
            b.LoadState(state, obsB);
            AssertSame(a, obsA, default, b, obsB, default, $"right after loading ({sceneName}, {driver}, saved after {k} steps)");

            // B gets the same actions as A from here on.
            var actionsB = new Actions(seed);
            for (int i = 0; i < k; i++)
            {
                actionsB.Next();
            }
            for (int i = 0; i < 2000; i++)
            {
                var action = actionsA.Next();
                Assert.Equal(action, actionsB.Next());
                var oa = a.Step(action, obsA);
                var ob = b.Step(action, obsB);
                AssertSame(a, obsA, oa, b, obsB, ob, $"at step {i + 1} after loading ({sceneName}, {driver}, saved after {k} steps)");
                if (oa.Done)
                {
                    ends++;
                    ulong next = Rng.Derive(seed, 2, (ulong)i);
                    a.Reset(next, obsA);
                    b.Reset(next, obsB);
                    AssertSame(a, obsA, default, b, obsB, default, $"after the reset at step {i + 1} ({sceneName}, {driver})");
                }
            }
        }
        output.WriteLine($"{sceneName} {driver}: saved after {string.Join(", ", saveAfter)} steps, 2,000 steps compared each; {ends} episode ends matched");
    }

    [Theory]
    [InlineData("two-lane-traffic", Driver.Policy)]
    [InlineData("urban-loop", Driver.NoisyAutopilot)]
    [InlineData("figure-eight", Driver.Autopilot)]
    public void Loading_its_own_earlier_state_rewinds_an_env(string sceneName, Driver driver)
    {
        var scene = TestScenes.Shipped(sceneName);
        const ulong seed = 5;
        var (env, obs) = TestScenes.Start(scene, seed, OptionsFor(driver));
        var actions = new Actions(seed);
        Advance(env, obs, actions, 150, seed);
        byte[] state = env.SaveState();
        float[] obsAtSave = (float[])obs.Clone();
        var replay = new Actions(seed);
        for (int i = 0; i < 150; i++)
        {
            replay.Next();
        }
        var first = new List<ulong>();
        var recorded = new List<DrivingAction>();
        for (int i = 0; i < 800; i++)
        {
            var action = actions.Next();
            recorded.Add(action);
            var o = env.Step(action, obs);
            first.Add(StepPrint(env, obs, o));
            if (o.Done)
            {
                break;
            }
        }

        Array.Clear(obs);
        env.LoadState(state, obs);
        Assert.True(MemoryMarshal.Cast<float, int>(obsAtSave.AsSpan()).SequenceEqual(MemoryMarshal.Cast<float, int>(obs.AsSpan())));
        for (int i = 0; i < recorded.Count; i++)
        {
            Assert.Equal(recorded[i], replay.Next());
            var o = env.Step(recorded[i], obs);
            Assert.True(first[i] == StepPrint(env, obs, o), $"step {i + 1} after rewinding differs from the first time");
        }
        Assert.Equal(state, RewindAgain(env, state, obs));
    }

    /// <summary>Loads <paramref name="state"/> again and saves: the bytes must come back unchanged.</summary>
    private static byte[] RewindAgain(DrivingEnv env, byte[] state, float[] obs)
    {
        env.LoadState(state, obs);
        return env.SaveState();
    }

    [Theory]
    [InlineData("two-lane-traffic")]
    [InlineData("urban-loop")]
    [InlineData("procedural")]
    public void Saving_twice_and_load_then_save_give_identical_bytes(string sceneName)
    {
        var scene = TestScenes.Shipped(sceneName);
        var options = new EnvOptions { Autopilot = true, AutopilotSteerNoise = 0.2 };
        var (a, obs) = TestScenes.Start(scene, 3, options);
        foreach (int steps in new[] { 0, 1, 37, 400 })
        {
            for (int i = 0; i < steps && !a.Step(Coast, obs).Done; i++)
            {
            }
            byte[] s1 = a.SaveState();
            byte[] s2 = a.SaveState();
            Assert.Equal(s1, s2);
            var b = new DrivingEnv(scene, options);
            b.LoadState(s1);
            Assert.Equal(s1, b.SaveState());
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            buffer.GetSpan(3)[..3].Fill(7);
            buffer.Advance(3);
            b.SaveState(buffer);
            Assert.Equal(s1, buffer.WrittenSpan[3..].ToArray());
        }
    }
}
