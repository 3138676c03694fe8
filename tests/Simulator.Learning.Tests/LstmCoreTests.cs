using Simulator.Core;
using Simulator.Learning.Env;
using Simulator.Learning.Networks;
using Simulator.Learning.Ppo;
using Simulator.Learning.Runs;
using Simulator.Torch;
using Simulator.Torch.Modules;

namespace Simulator.Learning.Tests;

/// <summary>The LSTM core: formula, state reset at episode starts (h and c), PPO replay, model files and YAML.</summary>
public sealed class LstmCoreTests
{
    private static readonly NetworkOptions s_lstm = new() { RecurrentSize = 6, Core = RecurrentCoreKind.Lstm, VectorHidden = [8] };

    [Fact]
    public void LstmCellMatchesFormula()
    {
        using var scope = TorchScope.Enter();
        using var g = new Generator(9);
        using var cell = new LstmCell(3, 2, g);
        var x = Tensor.Randn([1, 3], g).To(DType.Float32);
        var state = Tensor.Randn([1, 4], g);
        float[] got = cell.Step(x, state).ToArray<float>();
        double[] wi = cell.WeightIh.To(DType.Float64).ToArray<double>(), wh = cell.WeightHh.To(DType.Float64).ToArray<double>();
        double[] bi = cell.BiasIh.To(DType.Float64).ToArray<double>(), bh = cell.BiasHh.To(DType.Float64).ToArray<double>();
        double[] xv = x.To(DType.Float64).ToArray<double>(), sv = state.To(DType.Float64).ToArray<double>();
        double Gate(int row) => bi[row] + bh[row] + wi[row * 3] * xv[0] + wi[row * 3 + 1] * xv[1] + wi[row * 3 + 2] * xv[2]
            + wh[row * 2] * sv[0] + wh[row * 2 + 1] * sv[1];
        static double Sig(double v) => 1 / (1 + Math.Exp(-v));
        for (int j = 0; j < 2; j++)
        {
            double i = Sig(Gate(j)), f = Sig(Gate(2 + j)), gg = Math.Tanh(Gate(4 + j)), o = Sig(Gate(6 + j));
            double c = f * sv[2 + j] + i * gg;
            Assert.Equal(o * Math.Tanh(c), got[j], 5);
            Assert.Equal(c, got[2 + j], 5);
        }
        Assert.Equal(2, cell.Output(cell.Step(x, state)).Size(1));
    }

    [Fact]
    public void StateIsPackedHiddenAndCellAndResetsWhereAnEpisodeStarts()
    {
        var spec = new ObservationSpec(0, 0, 0, 3);
        using var policy = new ActorCritic(spec, ActionSpec.Discrete(2), s_lstm, new Generator(3));
        Assert.Equal(12, policy.RecurrentStateSize);
        using var fresh = new PolicyRunner(policy, 2, Device.Cpu, 1);
        using var runner = new PolicyRunner(policy, 2, Device.Cpu, 1);
        float[] obs = [0.5f, -1f, 2f, 0.5f, -1f, 2f];
        float[] raw = new float[2], logp = new float[2], value = new float[2];
        bool[] all = [true, true], none = [false, false], first = [true, false];
        runner.Observe([], obs, all);
        for (int t = 0; t < 3; t++)
        {
            runner.Act(false, raw, logp, value);
            runner.Observe([], obs, none);
        }
        var carried = new float[24];
        runner.CopyHidden(carried);
        // After three steps both h (first 6) and c (last 6) of each env are non-zero.
        Assert.Contains(carried.AsSpan(0, 6).ToArray(), v => v != 0);
        Assert.Contains(carried.AsSpan(6, 6).ToArray(), v => v != 0);

        // Env 0 starts a new episode: its step must equal a fresh runner's first step (h and c zeroed); env 1 carries on.
        runner.Observe([], obs, first);
        runner.Act(true, raw, logp, value);
        fresh.Observe([], obs, all);
        float[] freshRaw = new float[2], freshLogp = new float[2], freshValue = new float[2];
        fresh.Act(true, freshRaw, freshLogp, freshValue);
        var afterReset = new float[24];
        var afterFresh = new float[24];
        runner.CopyHidden(afterReset);
        fresh.CopyHidden(afterFresh);
        Assert.Equal(afterFresh.AsSpan(0, 12).ToArray(), afterReset.AsSpan(0, 12).ToArray());
        Assert.Equal(freshValue[0], value[0]);
        Assert.Equal(freshLogp[0], logp[0]);
        Assert.NotEqual(afterFresh.AsSpan(12, 12).ToArray(), afterReset.AsSpan(12, 12).ToArray());
        Assert.NotEqual(freshValue[1], value[1]);
    }

    [Fact]
    public void ResettingOnlyHiddenWouldShow()
    {
        // The cell state matters on its own: zeroing h but keeping c changes the next step, so the reset test above
        // would catch a reset that missed c.
        using var scope = TorchScope.Enter();
        using var g = new Generator(5);
        using var cell = new LstmCell(3, 4, g);
        var x = Tensor.Randn([1, 3], g).To(DType.Float32);
        var state = cell.Step(x, Tensor.Full([1, 8], 0.0));
        state = cell.Step(x, state);
        var keptC = Tensor.Cat([Tensor.Full([1, 4], 0.0), state.Slice(1, 4, 8)], 1);
        Assert.NotEqual(cell.Step(x, Tensor.Full([1, 8], 0.0)).ToArray<float>(), cell.Step(x, keptC).ToArray<float>());
    }

    [Fact]
    public void UpdateRecomputesTheRolloutLogProbabilitiesWithAnLstm()
    {
        var options = new PpoOptions
        {
            RolloutLength = 12,
            Epochs = 1,
            Minibatches = 1,
            Seed = 4,
            Network = new NetworkOptions { FrameStack = 3, RecurrentSize = 8, Core = RecurrentCoreKind.Lstm, ImageFeatures = 16, VectorHidden = [8] },
        };
        using var ppo = new PpoTrainer(new ImageBanditEnv(3), options);
        Init.Scale(ppo.Policy.PolicyHead.Weight, 300);
        for (int i = 0; i < 2; i++)
        {
            PpoIterationStats s = ppo.Iterate();
            Assert.InRange(s.ApproxKl, -1e-6, 1e-6);
            Assert.Equal(0, s.ClipFraction);
        }
    }

    [Fact]
    public void LstmPpoIsDeterministicAndLearnsWithMinibatchedEnvs()
    {
        static float[] Run(ulong seed)
        {
            var options = new PpoOptions
            {
                RolloutLength = 8,
                Epochs = 2,
                Minibatches = 2,
                Seed = seed,
                Network = new NetworkOptions { FrameStack = 2, RecurrentSize = 8, Core = RecurrentCoreKind.Lstm, ImageFeatures = 16, VectorHidden = [8] },
            };
            using var ppo = new PpoTrainer(new ImageBanditEnv(4), options);
            for (int i = 0; i < 2; i++)
            {
                Assert.True(double.IsFinite(ppo.Iterate().PolicyLoss));
            }
            using var scope = TorchScope.Enter();
            return ppo.Policy.Parameters().SelectMany(p => p.ToArray<float>()).ToArray();
        }
        float[] a = Run(7);
        Assert.Equal(a, Run(7));
        Assert.NotEqual(a, Run(8));
    }

    [Fact]
    public void ModelFileWithAnLstmCoreRoundTrips()
    {
        string dir = Directory.CreateTempSubdirectory("sim-lstm-").FullName;
        try
        {
            var options = new PpoOptions { RolloutLength = 8, Epochs = 1, Minibatches = 2, Network = s_lstm };
            using var trainer = new PpoTrainer(new CartPoleEnv(2), options);
            trainer.Iterate();
            string path = Path.Combine(dir, "model.pt");
            ModelFile.Save(path, trainer, ModelMeta.For(trainer.Policy));
            ModelMeta meta = ModelFile.ReadMeta(path);
            Assert.Equal(RecurrentCoreKind.Lstm, meta.Network.Core);
            Assert.Equal(6, meta.Network.RecurrentSize);
            var (policy, _) = ModelFile.LoadPolicy(path);
            using (policy)
            {
                Assert.Equal(RecurrentCoreKind.Lstm, policy.Options.Core);
                using var scope = TorchScope.Enter();
                Assert.Equal(trainer.Policy.Parameters().SelectMany(p => p.ToArray<float>()), policy.Parameters().SelectMany(p => p.ToArray<float>()));
            }
            // A GRU of the same size has other shapes: loading the LSTM's weights into it is refused, naming the file.
            string gru = Path.Combine(dir, "gru.pt");
            using var gruTrainer = new PpoTrainer(new CartPoleEnv(2), options with { Network = s_lstm with { Core = RecurrentCoreKind.Gru } });
            var e = Assert.Throws<SimInputException>(() => gruTrainer.LoadCheckpoint(path));
            Assert.Contains(path, e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(RecurrentCoreKind.Gru)]
    [InlineData(RecurrentCoreKind.Lstm)]
    public void TrainBenchmarkRunsRecurrentCoresWithTheUpdatesSequenceBatch(RecurrentCoreKind core)
    {
        var options = new PpoOptions
        {
            RolloutLength = 6,
            Epochs = 1,
            Minibatches = 2,
            Network = new NetworkOptions { RecurrentSize = 8, Core = core, ImageFeatures = 16, VectorHidden = [8] },
        };
        var env = new ImageBanditEnv(4);
        var ceiling = Learning.Benchmarks.TrainBenchmark.LearnerCeiling(env.ObservationSpec, env.ActionSpec, options, envs: 4, steps: 2);
        Assert.Equal("learner only (batch 12)", ceiling.Case); // 6 steps × 2 env sequences per minibatch
        Assert.Equal(24, ceiling.Samples);
        var endToEnd = Learning.Benchmarks.TrainBenchmark.EndToEnd(env, options, iterations: 1);
        Assert.Equal(24, endToEnd.Samples);
    }

    [Fact]
    public void CoreIsReadFromYamlAndBadValuesNameTheKeyAndLine()
    {
        var o = PpoOptionsYaml.Parse("network:\n  recurrent_size: 16\n  core: lstm\n");
        Assert.Equal(RecurrentCoreKind.Lstm, o.Network.Core);
        Assert.Equal(RecurrentCoreKind.Lstm, PpoOptionsYaml.Parse(PpoOptionsYaml.Write(o)).Network.Core);
        Assert.Equal(RecurrentCoreKind.Gru, PpoOptionsYaml.Parse("network:\n  recurrent_size: 16\n").Network.Core);
        var e = Assert.Throws<SimInputException>(() => PpoOptionsYaml.Parse("network:\n  recurrent_size: 16\n  core: rnn\n", "ppo.yaml"));
        Assert.Equal("ppo.yaml", e.File);
        Assert.Equal(3, e.Line);
        Assert.Contains("core", e.Message);
    }
}
