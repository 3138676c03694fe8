using Simulator.Core;
using Simulator.Driving.Env;

namespace Simulator.Driving.Tests;

/// <summary>States of another scene, options or env, damaged, short or foreign bytes are refused and leave the env needing a Reset.</summary>
public class StateRefusalTests
{
    private static readonly DrivingAction Coast = new(0, 0);

    private static (DrivingEnv Env, float[] Obs, byte[] State) Saved(string scene = "urban-loop", int steps = 50)
    {
        var (env, obs) = TestScenes.Start(TestScenes.Shipped(scene), 9, new EnvOptions { Autopilot = true });
        for (int i = 0; i < steps; i++)
        {
            env.Step(Coast, obs);
        }
        return (env, obs, env.SaveState());
    }

    /// <summary>A running env that gets <paramref name="bad"/>: refused with a SimInputException, then Step needs a Reset.</summary>
    private static string Refused(DrivingEnv env, float[] obs, byte[] bad)
    {
        var e = Assert.Throws<SimInputException>(() => env.LoadState(bad));
        Assert.Throws<InvalidOperationException>(() => env.Step(Coast, obs));
        Assert.DoesNotContain('\n', e.Problem);
        return e.Problem;
    }

    private static DrivingEnv Running(CompiledSceneOf scene, out float[] obs, EnvOptions? options = null, int envIndex = 0)
    {
        var env = new DrivingEnv(scene.Scene, options ?? new EnvOptions { Autopilot = true }, envIndex);
        obs = new float[env.Observation.VectorSize];
        env.Reset(1, obs);
        env.Step(Coast, obs);
        return env;
    }

    private sealed record CompiledSceneOf(Runtime.CompiledScene Scene);

    [Fact]
    public void A_state_of_another_scene_is_refused_naming_both()
    {
        var (_, _, state) = Saved("oval");
        var env = Running(new(TestScenes.Shipped("hairpins")), out var obs);
        Assert.Equal("state is for scene 'oval', this env runs 'hairpins'", Refused(env, obs, state));
        // The same name with another description (episode settings changed) is another scene too.
        var changed = Running(new(TestScenes.Shipped("oval", e => e with { Laps = 0 })), out obs);
        Assert.Contains("another version of scene 'oval'", Refused(changed, obs, state));
    }

    [Fact]
    public void Other_options_or_env_index_are_refused()
    {
        var (_, _, state) = Saved();
        var scene = new CompiledSceneOf(TestScenes.Shipped("urban-loop"));
        var manual = Running(scene, out var obs, new EnvOptions());
        Assert.Equal("state was saved with autopilot on, this env has autopilot off", Refused(manual, obs, state));
        var noisy = Running(scene, out obs, new EnvOptions { Autopilot = true, AutopilotSteerNoise = 0.1 });
        Assert.Contains("this env has autopilot on (steer noise 0.1)", Refused(noisy, obs, state));
        var other = Running(scene, out obs, envIndex: 3);
        Assert.Equal("state is for env index 0, this env has index 3", Refused(other, obs, state));
    }

    [Fact]
    public void A_state_truncated_at_every_length_is_refused()
    {
        var (env, obs, state) = Saved();
        for (int n = 0; n < state.Length; n++)
        {
            env.Reset(1, obs);
            string problem = Refused(env, obs, state[..n]);
            if (n >= 20)
            {
                Assert.Equal($"state ends after {n} of {state.Length} bytes", problem);
            }
        }
        Assert.Contains("bytes after its end", Refused(env, obs, [.. state, 0]));
        env.LoadState(state); // the whole state still loads
        env.Step(Coast, obs);
    }

    [Fact]
    public void Wrong_magic_version_damaged_or_random_bytes_are_refused()
    {
        var (env, obs, state) = Saved();
        var magic = (byte[])state.Clone();
        magic[0] ^= 0x20;
        Assert.Equal("not a driving-env state (it does not start with 'DENV')", Refused(env, obs, magic));
        var version = (byte[])state.Clone();
        version[4] = 7;
        Assert.StartsWith("state has format version 7; this build reads version 2", Refused(env, obs, version));
        var rng = new Rng(77);
        for (int i = 0; i < 200; i++)
        {
            var damaged = (byte[])state.Clone();
            int at = rng.Range(20, damaged.Length);
            damaged[at] ^= (byte)(1 << rng.NextInt(8));
            Assert.Equal("state is damaged: its checksum does not match its contents", Refused(env, obs, damaged));
            var random = new byte[rng.Range(0, 3000)];
            for (int k = 0; k < random.Length; k++)
            {
                random[k] = (byte)rng.NextUInt64();
            }
            Refused(env, obs, random);
        }
        Refused(env, obs, []);
    }

    [Fact]
    public void Saving_before_any_episode_is_an_error()
    {
        var env = new DrivingEnv(TestScenes.Shipped("oval"));
        Assert.Throws<InvalidOperationException>(() => env.SaveState());
        var (_, obs, state) = Saved();
        var other = Running(new(TestScenes.Shipped("urban-loop")), out obs);
        Refused(other, obs, state[..10]);
        Assert.Throws<InvalidOperationException>(() => other.SaveState());
    }
}
