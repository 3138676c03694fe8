using Simulator.Core;
using Simulator.Learning.Env;

namespace Simulator.Learning.Tests;

/// <summary>
/// Continuous 1-D reaching: observe (position, target) in [−1, 1]; the action in [−1, 1] is a velocity
/// (position += 0.2·a, clamped); reward −|position − target| per step; episodes last 20 steps (truncated).
/// A perfect policy scores about −1.5 per episode (it needs a few steps to arrive); random play scores about −12.
/// </summary>
public sealed class PointReachEnv : IVectorEnv
{
    private const int Length = 20;
    private readonly double[] _pos, _target;
    private readonly int[] _steps;
    private readonly float[] _obs;
    private readonly Rng[] _rngs;

    public PointReachEnv(int numEnvs)
    {
        NumEnvs = numEnvs;
        _pos = new double[numEnvs];
        _target = new double[numEnvs];
        _steps = new int[numEnvs];
        _obs = new float[numEnvs * 2];
        _rngs = new Rng[numEnvs];
    }

    public int NumEnvs { get; }
    public ObservationSpec ObservationSpec { get; } = ObservationSpec.VectorOnly(2);
    public ActionSpec ActionSpec { get; } = ActionSpec.Continuous([-1f], [1f]);
    public ReadOnlySpan<byte> Images => [];
    public ReadOnlySpan<float> Vectors => _obs;

    public void Reset(ulong seed)
    {
        for (int n = 0; n < NumEnvs; n++)
        {
            _rngs[n] = Rng.Create(seed, RngStream.Custom, 1000 + n);
            ResetEnv(n);
        }
    }

    public void Step(ReadOnlySpan<float> actions, Span<float> rewards, Span<bool> terminated, Span<bool> truncated)
    {
        for (int n = 0; n < NumEnvs; n++)
        {
            _pos[n] = Math.Clamp(_pos[n] + 0.2 * actions[n], -1, 1);
            rewards[n] = (float)-Math.Abs(_pos[n] - _target[n]);
            terminated[n] = false;
            truncated[n] = ++_steps[n] >= Length;
            if (truncated[n])
            {
                ResetEnv(n);
            }
            WriteObs(n);
        }
    }

    private void ResetEnv(int n)
    {
        _pos[n] = _rngs[n].Range(-1.0, 1.0);
        _target[n] = _rngs[n].Range(-1.0, 1.0);
        _steps[n] = 0;
        WriteObs(n);
    }

    private void WriteObs(int n)
    {
        _obs[2 * n] = (float)_pos[n];
        _obs[2 * n + 1] = (float)_target[n];
    }
}
