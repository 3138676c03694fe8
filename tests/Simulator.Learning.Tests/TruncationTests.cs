using Simulator.Learning.Env;
using Simulator.Learning.Networks;
using Simulator.Learning.Ppo;
using Simulator.Torch;

namespace Simulator.Learning.Tests;

public class TruncationTests
{
    /// <summary>Reward 1 every step forever, but a time limit cuts episodes every 5 steps. Same observation always.</summary>
    private sealed class EndlessEnv(int numEnvs, bool provideFinal) : IVectorEnv
    {
        private readonly float[] _obs = Enumerable.Repeat(1f, numEnvs).ToArray();
        private readonly int[] _steps = new int[numEnvs];

        public int NumEnvs => numEnvs;
        public ObservationSpec ObservationSpec { get; } = ObservationSpec.VectorOnly(1);
        public ActionSpec ActionSpec { get; } = ActionSpec.Discrete(2);
        public ReadOnlySpan<byte> Images => [];
        public ReadOnlySpan<float> Vectors => _obs;
        public bool HasFinalObservations => provideFinal;
        public ReadOnlySpan<float> FinalVectors => _obs;

        public void Reset(ulong seed) => Array.Clear(_steps);

        public void Step(ReadOnlySpan<float> actions, Span<float> rewards, Span<bool> terminated, Span<bool> truncated)
        {
            for (int n = 0; n < numEnvs; n++)
            {
                rewards[n] = 1;
                terminated[n] = false;
                truncated[n] = ++_steps[n] % 5 == 0;
            }
        }
    }

    private static double LearnedValue(bool provideFinal)
    {
        var options = new PpoOptions
        {
            LearningRate = 0.01,
            AnnealLearningRate = false,
            Gamma = 0.9,
            GaeLambda = 0.95,
            RolloutLength = 20,
            Epochs = 10,
            Minibatches = 1,
            Network = new NetworkOptions { VectorHidden = [16], SeparateCritic = true },
        };
        var env = new EndlessEnv(4, provideFinal);
        using var ppo = new PpoTrainer(env, options);
        for (int i = 0; i < 40; i++)
        {
            ppo.Iterate();
        }
        using var runner = new PolicyRunner(ppo.Policy, 4, Device.Cpu, 1);
        runner.Observe([], env.Vectors, [true, true, true, true]);
        var values = new float[4];
        runner.Values(values);
        return values.Average();
    }

    [Fact]
    public void TruncatedEpisodesAreBootstrappedFromTheFinalObservation()
    {
        // With bootstrapping the task is an endless stream of 1s: V = 1 / (1 − 0.9) = 10. Without it, the value
        // averages the cut returns (1 − 0.9^k) / 0.1 over k = 1..5, about 3.2.
        double withFinal = LearnedValue(true);
        double without = LearnedValue(false);
        Assert.InRange(withFinal, 8.5, 11.5);
        Assert.InRange(without, 2.0, 4.5);
    }
}
