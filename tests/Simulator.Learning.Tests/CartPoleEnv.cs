using Simulator.Core;
using Simulator.Learning.Env;

namespace Simulator.Learning.Tests;

/// <summary>Gym's CartPole-v1 (Barto et al. 1983 dynamics, Euler, τ = 0.02, 500-step limit), N copies with auto-reset.</summary>
public sealed class CartPoleEnv : IVectorEnv
{
    private const double Gravity = 9.8, MassPole = 0.1, TotalMass = 1.0 + MassPole, HalfLength = 0.5; // cart mass 1.0
    private const double PoleMassLength = MassPole * HalfLength, ForceMag = 10.0, Tau = 0.02;
    private const double ThetaLimit = 12 * 2 * Math.PI / 360, XLimit = 2.4;
    private const int MaxSteps = 500;

    private readonly double[] _state;
    private readonly int[] _steps;
    private readonly float[] _obs;
    private readonly Rng[] _rngs;

    public CartPoleEnv(int numEnvs)
    {
        NumEnvs = numEnvs;
        _state = new double[numEnvs * 4];
        _steps = new int[numEnvs];
        _obs = new float[numEnvs * 4];
        _rngs = new Rng[numEnvs];
    }

    public int NumEnvs { get; }
    public ObservationSpec ObservationSpec { get; } = ObservationSpec.VectorOnly(4);
    public ActionSpec ActionSpec { get; } = ActionSpec.Discrete(2);
    public ReadOnlySpan<byte> Images => [];
    public ReadOnlySpan<float> Vectors => _obs;

    public void Reset(ulong seed)
    {
        for (int n = 0; n < NumEnvs; n++)
        {
            _rngs[n] = Rng.Create(seed, RngStream.Custom, n);
            ResetEnv(n);
        }
    }

    public void Step(ReadOnlySpan<float> actions, Span<float> rewards, Span<bool> terminated, Span<bool> truncated)
    {
        for (int n = 0; n < NumEnvs; n++)
        {
            Span<double> s = _state.AsSpan(n * 4, 4);
            double force = actions[n] >= 0.5f ? ForceMag : -ForceMag;
            double cos = Math.Cos(s[2]), sin = Math.Sin(s[2]);
            double temp = (force + PoleMassLength * s[3] * s[3] * sin) / TotalMass;
            double thetaAcc = (Gravity * sin - cos * temp) / (HalfLength * (4.0 / 3.0 - MassPole * cos * cos / TotalMass));
            double xAcc = temp - PoleMassLength * thetaAcc * cos / TotalMass;
            s[0] += Tau * s[1];
            s[1] += Tau * xAcc;
            s[2] += Tau * s[3];
            s[3] += Tau * thetaAcc;
            _steps[n]++;
            rewards[n] = 1f;
            terminated[n] = Math.Abs(s[0]) > XLimit || Math.Abs(s[2]) > ThetaLimit;
            truncated[n] = !terminated[n] && _steps[n] >= MaxSteps;
            if (terminated[n] || truncated[n])
            {
                ResetEnv(n);
            }
            else
            {
                WriteObs(n);
            }
        }
    }

    private void ResetEnv(int n)
    {
        for (int i = 0; i < 4; i++)
        {
            _state[n * 4 + i] = _rngs[n].Range(-0.05, 0.05);
        }
        _steps[n] = 0;
        WriteObs(n);
    }

    private void WriteObs(int n)
    {
        for (int i = 0; i < 4; i++)
        {
            _obs[n * 4 + i] = (float)_state[n * 4 + i];
        }
    }
}
