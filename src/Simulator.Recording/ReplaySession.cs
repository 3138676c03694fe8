using System.Globalization;
using System.Text;
using Simulator.Core;
using Simulator.Driving.Env;
using Simulator.Driving.Snapshots;

namespace Simulator.Recording;

/// <summary>
/// Re-simulates a recording: a live <see cref="DrivingEnv"/> fed the recorded actions from the recorded seed, every
/// step's state hash checked against the file. Seek restores the nearest recorded full-state checkpoint at or before
/// the target and re-simulates from there. Sensors, collisions and events are live (it is the simulation, not a
/// playback of poses), so new cameras work on old recordings. Synchronous: nothing runs unless the caller steps.
/// </summary>
public sealed class ReplaySession : IDisposable
{
    private const int CachedBlocks = 8;
    private readonly EpisodeRecording _recording;
    private readonly float[] _obs;
    private readonly Dictionary<long, StepBlock> _blocks = [];

    public ReplaySession(EpisodeRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        _recording = recording;
        RecordingHeader h = recording.Header;
        Env = new DrivingEnv(recording.Scene, new EnvOptions { Autopilot = h.Autopilot, AutopilotSteerNoise = h.AutopilotSteerNoise }, h.EnvIndex);
        _obs = new float[Env.Observation.VectorSize];
        Restart();
    }

    public EpisodeRecording Recording => _recording;

    /// <summary>The re-simulated env (read it; do not step it yourself).</summary>
    public DrivingEnv Env { get; }

    public WorldSnapshot Snapshot => Env.Snapshot;

    /// <summary>Steps applied since the episode's reset: 0 .. <see cref="StepCount"/>.</summary>
    public long Step { get; private set; }

    public long StepCount => _recording.Steps;

    public bool AtEnd => Step >= StepCount;

    /// <summary>Simulated seconds at <see cref="Step"/>.</summary>
    public double Time => Step / (double)_recording.Header.Hz;

    /// <summary>Simulated seconds per step.</summary>
    public double StepSeconds => 1.0 / _recording.Header.Hz;

    /// <summary>The observation vector at <see cref="Step"/> (as the policy saw it).</summary>
    public ReadOnlySpan<float> Observation => _obs;

    /// <summary>The recorded action that led to the current step (default at step 0).</summary>
    public DrivingAction LastAction { get; private set; }

    /// <summary>The reward and ends of the last step (default at step 0).</summary>
    public StepOutcome LastOutcome { get; private set; }

    /// <summary>The first divergence seen so far (null while every checked step matched).</summary>
    public ReplayDivergence? Divergence { get; private set; }

    /// <summary>Steps re-simulated so far, seeks included (what replay cost).</summary>
    public long SimulatedSteps { get; private set; }

    /// <summary>The recorded action of step <paramref name="step"/> (1..StepCount).</summary>
    public DrivingAction ActionAt(long step) => BlockFor(step).ActionAt(step);

    /// <summary>Applies the next recorded action; false at the end.</summary>
    public bool StepForward()
    {
        if (AtEnd)
        {
            return false;
        }
        long next = Step + 1;
        StepBlock block = BlockFor(next);
        int i = block.Index(next);
        DrivingAction action = block.ActionAt(next);
        StepOutcome outcome;
        try
        {
            outcome = Env.Step(action, _obs);
        }
        catch (InvalidOperationException)
        {
            // The re-simulated episode ended before the recorded one: that is a divergence too.
            Diverged(next, block.Hash[i], Env.StateHash(), $"the replayed episode ended at step {Step:N0} ({Env.Info.End}), the recording goes on to {StepCount:N0}");
            throw new SimRuntimeException($"replay of '{_recording.Path}' cannot go on: {Divergence!.What}");
        }
        Step = next;
        SimulatedSteps++;
        LastAction = action;
        LastOutcome = outcome;
        ulong actual = Env.StateHash();
        if (actual != block.Hash[i])
        {
            Diverged(next, block.Hash[i], actual, Describe(block, i, next));
        }
        return true;
    }

    /// <summary>Goes back one step (restore the nearest checkpoint, re-simulate); false at step 0.</summary>
    public bool StepBack()
    {
        if (Step == 0)
        {
            return false;
        }
        Seek(Step - 1);
        return true;
    }

    /// <summary>Moves to any step 0..StepCount (clamped) through the nearest checkpoint at or before it.</summary>
    public void Seek(long step)
    {
        long target = Math.Clamp(step, 0, StepCount);
        int every = _recording.Layout.CheckpointSteps;
        if (target < Step || target - Step > every)
        {
            long checkpoint = target / every * every;
            if (checkpoint == 0 || !TryRestore(checkpoint))
            {
                Restart();
            }
        }
        while (Step < target)
        {
            StepForward();
        }
    }

    public void Dispose() => Env.Dispose();

    private void Restart()
    {
        Env.Reset(_recording.Header.Seed, _obs);
        Step = 0;
        LastAction = default;
        LastOutcome = default;
        ulong actual = Env.StateHash();
        if (actual != _recording.Layout.ResetHash)
        {
            Diverged(0, _recording.Layout.ResetHash, actual, "the episode's first state (after reset) already differs: another simulator version or scene compiler");
        }
    }

    private bool TryRestore(long checkpoint)
    {
        byte[]? state = _recording.ReadCheckpoint(checkpoint);
        if (state is null)
        {
            return false;
        }
        try
        {
            Env.LoadState(state, _obs);
        }
        catch (SimInputException)
        {
            return false;
        }
        Step = checkpoint;
        StepBlock block = BlockFor(checkpoint);
        int i = block.Index(checkpoint);
        LastAction = block.ActionAt(checkpoint);
        // The exact reward is the restored env's (the block keeps it at display precision).
        LastOutcome = new StepOutcome((float)Env.Info.Reward.Total, (block.Flags[i] & 1) != 0, (block.Flags[i] & 2) != 0);
        ulong actual = Env.StateHash();
        if (actual != block.Hash[i])
        {
            Diverged(checkpoint, block.Hash[i], actual, "the state restored from the checkpoint differs from the recorded one");
        }
        return true;
    }

    private StepBlock BlockFor(long step)
    {
        long key = (step - 1) / _recording.Layout.BlockSteps;
        if (_blocks.TryGetValue(key, out StepBlock? block))
        {
            return block;
        }
        block = _recording.ReadBlock(step)
            ?? throw new SimRuntimeException($"'{_recording.Path}' has no data for step {step:N0} (damaged in the middle)");
        if (_blocks.Count >= CachedBlocks)
        {
            _blocks.Clear();
        }
        _blocks[key] = block;
        return block;
    }

    private void Diverged(long step, ulong expected, ulong actual, string what) =>
        Divergence ??= new ReplayDivergence(step, expected, actual, what);

    /// <summary>Says what differs at a divergent step, from the numbers the block holds.</summary>
    private string Describe(StepBlock block, int i, long step)
    {
        var what = new StringBuilder();
        EnvInfo info = Env.Info;
        // The block keeps these at half precision: compare at that precision.
        void Compare(string name, float recorded, double now)
        {
            if (recorded != (float)(Half)now)
            {
                what.Append(CultureInfo.InvariantCulture, $"{name} {now:G6} (recorded {recorded:G6}); ");
            }
        }
        Compare("ego speed", block.Speed[i], info.Speed);
        Compare("reward", block.Reward[i], LastOutcome.Reward);
        Compare("progress term", block.Progress[i], info.Reward.Progress);
        Compare("centering term", block.Centering[i], info.Reward.Centering);
        for (int s = 0; s < block.Samples; s++)
        {
            if (block.SampleSteps[s] != step)
            {
                continue;
            }
            foreach (ref readonly ActorSnapshot a in Env.Snapshot.Actors)
            {
                for (int k = s * block.Actors; k < (s + 1) * block.Actors; k++)
                {
                    if (block.SampleIds[k] == a.InstanceId)
                    {
                        double d = Math.Sqrt(Math.Pow(a.Position.X - block.SamplePoses[3 * k], 2) + Math.Pow(a.Position.Y - block.SamplePoses[3 * k + 1], 2));
                        if (d > 0.0015)
                        {
                            what.Append(CultureInfo.InvariantCulture, $"{a.Kind} {a.InstanceId} {d:G3} m from its recorded position; ");
                        }
                    }
                }
            }
        }
        return what.Length == 0 ? "the state hash differs while the recorded ego numbers and poses match (an unrecorded value differs)" : what.ToString().TrimEnd(' ', ';');
    }
}
