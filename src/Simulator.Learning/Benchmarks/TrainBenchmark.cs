using System.Diagnostics;
using Simulator.Learning.Env;
using Simulator.Learning.Networks;
using Simulator.Learning.Ppo;
using Simulator.Torch;

namespace Simulator.Learning.Benchmarks;

/// <summary>One benchmark case; for end-to-end runs, the time split between rollout (env + render + inference) and update.</summary>
public readonly record struct TrainBenchmarkResult(string Case, int Envs, string Observation, long Samples, double Seconds, double SamplesPerSecond,
    double RolloutSeconds = double.NaN, double UpdateSeconds = double.NaN);

/// <summary>
/// End-to-end PPO throughput (rollout with inference + update) in env steps per second, and the learner-only ceiling:
/// the same network's forward + backward + Adam step on random minibatches, in samples per second. Prints figures;
/// tests never assert on them.
/// </summary>
public static class TrainBenchmark
{
    /// <summary>
    /// Runs one warm-up iteration, then times <paramref name="iterations"/> PPO iterations; with an
    /// <paramref name="observer"/> attached (a live display's feed), to measure what watching costs.
    /// </summary>
    public static TrainBenchmarkResult EndToEnd(IVectorEnv env, PpoOptions options, int iterations, Device device = Device.Cpu,
        ITrainingObserver? observer = null, string caseName = "ppo end-to-end")
    {
        using var trainer = new PpoTrainer(env, options with { TotalSteps = long.MaxValue / 2, AnnealLearningRate = false }, device);
        if (observer != null)
        {
            trainer.Observer = observer;
        }
        trainer.Iterate();
        long before = trainer.TotalSteps;
        double rollout0 = trainer.RolloutSeconds, update0 = trainer.UpdateSeconds;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < iterations; i++)
        {
            trainer.Iterate();
        }
        clock.Stop();
        long samples = trainer.TotalSteps - before;
        return new TrainBenchmarkResult(caseName, env.NumEnvs, Describe(env.ObservationSpec), samples, clock.Elapsed.TotalSeconds, samples / clock.Elapsed.TotalSeconds,
            trainer.RolloutSeconds - rollout0, trainer.UpdateSeconds - update0);
    }

    /// <summary>
    /// The learner alone: minibatches of the size PPO would use for <paramref name="envs"/> envs, random inputs; with a
    /// recurrent core the state is replayed through the rollout as the update does (envs / minibatches sequences).
    /// </summary>
    public static TrainBenchmarkResult LearnerCeiling(ObservationSpec observation, ActionSpec action, PpoOptions options, int envs, int steps, Device device = Device.Cpu)
    {
        int batch = Math.Max(1, options.RolloutLength * envs / options.Minibatches);
        int stateSize = options.Network.RecurrentStateSize();
        int sequences = Math.Max(1, envs / options.Minibatches);
        if (stateSize > 0)
        {
            batch = options.RolloutLength * sequences;
        }
        var stepPolicies = new Tensor[stateSize > 0 ? options.RolloutLength : 0];
        var stepValues = new Tensor[stepPolicies.Length];
        using var g = new Generator(options.Seed);
        using var policy = new ActorCritic(observation, action, options.Network, g);
        policy.To(device);
        var parameters = policy.Parameters();
        using var adam = new Adam(parameters, options.LearningRate);
        int channels = observation.Channels * options.Network.FrameStack;
        using Tensor? images = observation.HasImage ? Tensor.Rand([batch, channels, observation.Height, observation.Width], g).To(device).DetachFromScope() : null;
        using Tensor? vectors = observation.VectorSize > 0 ? Tensor.Randn([batch, observation.VectorSize], g).To(device).DetachFromScope() : null;
        using var target = Tensor.Randn([batch, action.Dim], g).To(device).DetachFromScope();
        using var returns = Tensor.Randn([batch], g).To(device).DetachFromScope();
        var clock = new Stopwatch();
        for (int i = 0; i < steps + 1; i++)
        {
            if (i == 1)
            {
                clock.Start();
            }
            using var scope = TorchScope.Enter();
            Tensor policyOut, value;
            if (stateSize > 0)
            {
                Tensor h = Tensor.Full([sequences, stateSize], 0.0, DType.Float32, device);
                for (int t = 0; t < stepPolicies.Length; t++)
                {
                    long a = (long)t * sequences, b = a + sequences;
                    ActorCriticOutput step = policy.Evaluate(images?.Slice(0, a, b), vectors?.Slice(0, a, b), h);
                    stepPolicies[t] = step.Policy;
                    stepValues[t] = step.Value;
                    h = step.Hidden!;
                }
                policyOut = Tensor.Cat(stepPolicies, 0);
                value = Tensor.Cat(stepValues, 0);
            }
            else
            {
                ActorCriticOutput o = policy.Evaluate(images, vectors, null);
                (policyOut, value) = (o.Policy, o.Value);
            }
            Tensor loss = policyOut.MseLoss(target) + value.MseLoss(returns);
            adam.ZeroGrad();
            loss.Backward();
            Tensor.ClipGradNorm(parameters, options.MaxGradNorm);
            adam.Step();
            if (i == steps)
            {
                _ = loss.Item(); // synchronise a CUDA stream before stopping the clock
            }
        }
        clock.Stop();
        long samples = (long)batch * steps;
        return new TrainBenchmarkResult($"learner only (batch {batch})", envs, Describe(observation), samples, clock.Elapsed.TotalSeconds, samples / clock.Elapsed.TotalSeconds);
    }

    private static string Describe(ObservationSpec o) => o.HasImage ? $"{o.Channels}x{o.Height}x{o.Width}+{o.VectorSize}" : $"vector {o.VectorSize}";
}
