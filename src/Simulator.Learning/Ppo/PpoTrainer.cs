using Simulator.Core;
using Simulator.Learning.Algorithms;
using Simulator.Learning.Data;
using Simulator.Learning.Distributions;
using Simulator.Learning.Env;
using Simulator.Learning.Networks;
using Simulator.Torch;

namespace Simulator.Learning.Ppo;

/// <summary>
/// Proximal policy optimisation (Schulman et al. 2017) over an <see cref="IVectorEnv"/>. Each <see cref="Iterate"/>
/// collects RolloutLength steps from every env, computes GAE advantages, then runs Epochs passes of minibatch Adam
/// updates on the clipped surrogate + value + entropy loss. Rollout storage and minibatch staging are preallocated,
/// pinned arrays (time-major [t, env]); minibatch tensors are views over them, made once. Deterministic on the CPU for
/// a seed: initialisation, sampling and minibatch order come from seeded generators.
/// </summary>
public sealed class PpoTrainer : IDisposable
{
    private readonly IVectorEnv _env;
    private readonly PpoOptions _options;
    private readonly Device _device;
    private readonly ActorCritic _policy;
    private readonly List<Tensor> _parameters;
    private readonly PolicyRunner _runner;
    private readonly Adam _adam;
    private readonly Rng _shuffle;
    private readonly Rng? _augment;
    private readonly EpisodeTracker _episodes;
    private readonly int _numEnvs, _steps, _batch, _imageBytes, _vectorSize, _actionValues, _hiddenSize, _numIterations;
    private readonly bool _recurrent;

    // Rollout, time-major: sample s = t × numEnvs + n.
    private readonly byte[] _obsImages;
    private readonly float[] _obsVectors, _raw, _logProbs, _values, _rewards, _advantages, _returns, _hidden0;
    private readonly bool[] _dones, _starts;

    // One env step.
    private readonly float[] _envActions, _lastValues;
    private readonly bool[] _terminated, _truncated, _episodeStarted, _truncatedOnly;
    private readonly float[] _finalValues;

    // Minibatch staging, with tensors over the same memory.
    private readonly int _mbSize, _mbEnvs;
    private readonly int[] _order;
    private readonly byte[] _mbImages, _mbImagesAugmented;
    private readonly float[] _mbVectors, _mbRaw, _mbLogProbs, _mbAdvantages, _mbReturns, _mbValues, _mbStarts, _mbHidden0;
    private readonly Tensor? _tImages, _tVectors, _tHidden0;
    private readonly Tensor _tRaw, _tLogProbs, _tAdvantages, _tReturns, _tValues, _tStarts;
    private readonly Tensor[] _stepPolicies, _stepValues;

    private int _iteration;
    private long _totalSteps;
    private ITrainingObserver _observer = NullTrainingObserver.Instance;

    public PpoTrainer(IVectorEnv env, PpoOptions options, Device device = Device.Cpu)
    {
        _env = env;
        _options = options;
        _device = device;
        _numEnvs = env.NumEnvs;
        options.Validate(_numEnvs);
        ObservationSpec obs = env.ObservationSpec;
        ActionSpec act = env.ActionSpec;

        // Network, optimiser and the runner that acts in the envs.
        using (var init = new Generator(Rng.Derive(options.Seed, (ulong)RngStream.Training, 1)))
        {
            _policy = new ActorCritic(obs, act, options.Network, init);
        }
        _policy.To(device);
        _parameters = _policy.Parameters();
        if (options.FreezeEncoder)
        {
            if (!obs.HasImage)
            {
                throw new SimInputException("freeze_encoder needs an image encoder, but the observation has no image", path: "freeze_encoder",
                    hint: "set freeze_encoder false (or leave out --freeze-encoder) for vector-only observations");
            }
            List<Tensor> frozen = _policy.EncoderParameters();
            foreach (Tensor p in frozen)
            {
                p.RequiresGrad = false;
            }
            _parameters = _parameters.FindAll(p => !frozen.Contains(p));
        }
        _adam = new Adam(_parameters, options.LearningRate, eps: options.AdamEps);
        _runner = new PolicyRunner(_policy, _numEnvs, device, Rng.Derive(options.Seed, (ulong)RngStream.Policy));
        _shuffle = Rng.Create(options.Seed, RngStream.Training);
        _episodes = new EpisodeTracker(_numEnvs);

        // Rollout storage.
        _steps = options.RolloutLength;
        _batch = _steps * _numEnvs;
        _imageBytes = obs.HasImage ? obs.ImageBytes * options.Network.FrameStack : 0;
        _vectorSize = obs.VectorSize;
        _actionValues = act.Kind == ActionKind.Discrete ? 1 : act.Dim;
        _hiddenSize = options.Network.RecurrentStateSize();
        _recurrent = _hiddenSize > 0;
        _numIterations = (int)Math.Max(1, (options.TotalSteps + _batch - 1) / _batch);
        _obsImages = new byte[_batch * _imageBytes];
        _obsVectors = new float[_batch * _vectorSize];
        _raw = new float[_batch * _actionValues];
        _logProbs = new float[_batch];
        _values = new float[_batch];
        _rewards = new float[_batch];
        _advantages = new float[_batch];
        _returns = new float[_batch];
        _dones = new bool[_batch];
        _starts = new bool[_batch];
        _hidden0 = new float[_numEnvs * _hiddenSize];
        _envActions = new float[_numEnvs * _actionValues];
        _lastValues = new float[_numEnvs];
        _terminated = new bool[_numEnvs];
        _truncated = new bool[_numEnvs];
        _episodeStarted = new bool[_numEnvs];
        _truncatedOnly = new bool[_numEnvs];
        _finalValues = new float[_numEnvs];

        // Minibatches: flat samples, or whole env sequences when recurrent (the state is replayed through time).
        _mbEnvs = _recurrent ? _numEnvs / options.Minibatches : 0;
        _mbSize = _recurrent ? _steps * _mbEnvs : _batch / options.Minibatches;
        _order = new int[_recurrent ? _numEnvs : _batch];
        _mbImages = GC.AllocateArray<byte>(_mbSize * _imageBytes, pinned: true);
        _augment = options.Augment.IsEnabled() ? Rng.Create(options.Seed, RngStream.Training, 1) : null;
        bool augmented = options.ShiftPad > 0 || _augment != null;
        _mbImagesAugmented = GC.AllocateArray<byte>(augmented ? _mbSize * _imageBytes : 0, pinned: true);
        _mbVectors = GC.AllocateArray<float>(_mbSize * _vectorSize, pinned: true);
        _mbRaw = GC.AllocateArray<float>(_mbSize * _actionValues, pinned: true);
        _mbLogProbs = GC.AllocateArray<float>(_mbSize, pinned: true);
        _mbAdvantages = GC.AllocateArray<float>(_mbSize, pinned: true);
        _mbReturns = GC.AllocateArray<float>(_mbSize, pinned: true);
        _mbValues = GC.AllocateArray<float>(_mbSize, pinned: true);
        _mbStarts = GC.AllocateArray<float>(_mbSize, pinned: true);
        _mbHidden0 = GC.AllocateArray<float>(_mbEnvs * _hiddenSize, pinned: true);
        if (obs.HasImage)
        {
            byte[] source = augmented ? _mbImagesAugmented : _mbImages;
            _tImages = Tensor.FromArrayNoCopy(source, _mbSize, obs.Channels * options.Network.FrameStack, obs.Height, obs.Width).DetachFromScope();
        }
        if (_vectorSize > 0)
        {
            _tVectors = Tensor.FromArrayNoCopy(_mbVectors, _mbSize, _vectorSize).DetachFromScope();
        }
        if (_recurrent)
        {
            _tHidden0 = Tensor.FromArrayNoCopy(_mbHidden0, _mbEnvs, _hiddenSize).DetachFromScope();
        }
        _tRaw = Tensor.FromArrayNoCopy(_mbRaw, _mbSize, _actionValues).DetachFromScope();
        _tLogProbs = Tensor.FromArrayNoCopy(_mbLogProbs, _mbSize).DetachFromScope();
        _tAdvantages = Tensor.FromArrayNoCopy(_mbAdvantages, _mbSize).DetachFromScope();
        _tReturns = Tensor.FromArrayNoCopy(_mbReturns, _mbSize).DetachFromScope();
        _tValues = Tensor.FromArrayNoCopy(_mbValues, _mbSize).DetachFromScope();
        _tStarts = Tensor.FromArrayNoCopy(_mbStarts, _mbSize, 1).DetachFromScope();
        _stepPolicies = new Tensor[_recurrent ? _steps : 0];
        _stepValues = new Tensor[_recurrent ? _steps : 0];

        // First observations: every env starts an episode.
        env.Reset(options.Seed);
        Array.Fill(_episodeStarted, true);
        _runner.Observe(env.Images, env.Vectors, _episodeStarted);
    }

    public ActorCritic Policy => _policy;
    public PpoOptions Options => _options;
    public int Iteration => _iteration;
    public long TotalSteps => _totalSteps;
    public EpisodeTracker Episodes => _episodes;

    /// <summary>Who watches the loop (live displays); <see cref="NullTrainingObserver"/> when no one does.</summary>
    public ITrainingObserver Observer
    {
        get => _observer;
        set => _observer = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Writes policy, optimizer state and counters (see <see cref="PpoCheckpoint"/>).</summary>
    public void SaveCheckpoint(string path) => PpoCheckpoint.Save(path, _policy, _adam, _iteration, _totalSteps);

    /// <summary>The checkpoint's entries (owned by the current scope) without writing them.</summary>
    public List<KeyValuePair<string, Tensor>> CheckpointEntries() => PpoCheckpoint.Entries(_policy, _adam, _iteration, _totalSteps);

    /// <summary>Restores a checkpoint of a trainer with the same network; training continues from its counters.</summary>
    public void LoadCheckpoint(string path) => (_iteration, _totalSteps) = PpoCheckpoint.Load(path, _policy, _adam);

    /// <summary>Wall time spent collecting rollouts (env steps, rendering, inference), summed over iterations.</summary>
    public double RolloutSeconds { get; private set; }

    /// <summary>Wall time spent in GAE and the PPO update, summed over iterations.</summary>
    public double UpdateSeconds { get; private set; }

    /// <summary>One rollout and one update.</summary>
    public PpoIterationStats Iterate()
    {
        _iteration++;
        double lr = _options.AnnealLearningRate
            ? _options.LearningRate * Math.Max(0.0, 1.0 - (_iteration - 1.0) / _numIterations)
            : _options.LearningRate;
        _adam.SetLearningRate(lr);
        long episodesBefore = _episodes.EpisodesFinished;
        long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        CollectRollout();
        long t1 = System.Diagnostics.Stopwatch.GetTimestamp();
        Advantages.Gae(_rewards, _values, _dones, _lastValues, _numEnvs, _options.Gamma, _options.GaeLambda, _advantages, _returns);
        var losses = Update();
        // Phase timers for benchmarks and progress displays (wall time; never read by the algorithm).
        RolloutSeconds += System.Diagnostics.Stopwatch.GetElapsedTime(t0, t1).TotalSeconds;
        double seconds = System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalSeconds;
        UpdateSeconds += System.Diagnostics.Stopwatch.GetElapsedTime(t1).TotalSeconds;
        var stats = new PpoIterationStats(_iteration, _totalSteps, lr, losses.Policy, losses.Value, losses.Entropy, losses.Kl, losses.ClipFraction,
            Advantages.ExplainedVariance(_values, _returns), losses.GradNorm, (int)(_episodes.EpisodesFinished - episodesBefore),
            _episodes.MeanReturn, _episodes.MeanLength);
        _observer.IterationCompleted(stats, _batch / Math.Max(seconds, 1e-9));
        return stats;
    }

    private void CollectRollout()
    {
        _runner.CopyHidden(_hidden0);
        for (int t = 0; t < _steps; t++)
        {
            int s0 = t * _numEnvs;
            if (_imageBytes > 0)
            {
                _runner.StackedImages.AsSpan().CopyTo(_obsImages.AsSpan(s0 * _imageBytes));
            }
            _runner.Vectors.AsSpan().CopyTo(_obsVectors.AsSpan(s0 * _vectorSize));
            _episodeStarted.AsSpan().CopyTo(_starts.AsSpan(s0));

            Span<float> raw = _raw.AsSpan(s0 * _actionValues, _numEnvs * _actionValues);
            _runner.Act(deterministic: false, raw, _logProbs.AsSpan(s0, _numEnvs), _values.AsSpan(s0, _numEnvs));
            _runner.ToEnvActions(raw, _envActions);

            Span<float> rewards = _rewards.AsSpan(s0, _numEnvs);
            _env.Step(_envActions, rewards, _terminated, _truncated);
            bool anyTruncated = false;
            for (int n = 0; n < _numEnvs; n++)
            {
                _episodeStarted[n] = _terminated[n] || _truncated[n];
                _dones[s0 + n] = _episodeStarted[n];
                _truncatedOnly[n] = _truncated[n] && !_terminated[n];
                anyTruncated |= _truncatedOnly[n];
            }
            _episodes.Record(rewards, _episodeStarted);
            _observer.StepCompleted(_env, rewards, _episodeStarted);
            if (anyTruncated && _options.BootstrapTruncated && _env.HasFinalObservations)
            {
                // The episode was cut by a time limit, not ended by the task: its return goes on beyond the cut,
                // so the last reward carries the discounted value of where the env was before the reset.
                _runner.FinalValues(_env.FinalImages, _env.FinalVectors, _truncatedOnly, _finalValues);
                for (int n = 0; n < _numEnvs; n++)
                {
                    if (_truncatedOnly[n])
                    {
                        rewards[n] += (float)(_options.Gamma * _finalValues[n]);
                    }
                }
            }
            _runner.Observe(_env.Images, _env.Vectors, _episodeStarted);
        }
        _totalSteps += _batch;
        _runner.Values(_lastValues);
    }

    private (double Policy, double Value, double Entropy, double Kl, double ClipFraction, double GradNorm) Update()
    {
        double sumPolicy = 0, sumValue = 0, sumEntropy = 0, sumKl = 0, sumClip = 0, sumNorm = 0;
        int count = 0;
        int minibatches = _options.Minibatches;
        for (int epoch = 0; epoch < _options.Epochs; epoch++)
        {
            Shuffle(_order);
            bool stop = false;
            for (int mb = 0; mb < minibatches && !stop; mb++)
            {
                if (_recurrent)
                {
                    GatherSequences(_order.AsSpan(mb * _mbEnvs, _mbEnvs));
                }
                else
                {
                    GatherSamples(_order.AsSpan(mb * _mbSize, _mbSize));
                }
                var r = TrainMinibatch();
                sumPolicy += r.Policy;
                sumValue += r.Value;
                sumEntropy += r.Entropy;
                sumKl += r.Kl;
                sumClip += r.ClipFraction;
                sumNorm += r.GradNorm;
                count++;
                stop = _options.TargetKl is { } target && r.Kl > target;
            }
            if (stop)
            {
                break;
            }
        }
        return (sumPolicy / count, sumValue / count, sumEntropy / count, sumKl / count, sumClip / count, sumNorm / count);
    }

    private (double Policy, double Value, double Entropy, double Kl, double ClipFraction, double GradNorm) TrainMinibatch()
    {
        if (_options.NormalizeAdvantages)
        {
            Advantages.Normalize(_mbAdvantages);
        }
        if (_options.ShiftPad > 0)
        {
            ObservationSpec o = _env.ObservationSpec;
            RandomShift.Apply(_mbImages, _mbImagesAugmented, _mbSize, o.Channels * _options.Network.FrameStack, o.Height, o.Width, _options.ShiftPad, _shuffle);
        }
        if (_augment != null && _imageBytes > 0)
        {
            ObservationSpec o = _env.ObservationSpec;
            if (_options.ShiftPad == 0)
            {
                _mbImages.AsSpan().CopyTo(_mbImagesAugmented);
            }
            AugmentOptions a = _options.Augment;
            int frames = _options.Network.FrameStack;
            if (a.ColorJitter)
            {
                ColorJitter.Apply(_mbImagesAugmented, _mbSize, frames, o.Channels, o.Height, o.Width, a.Brightness, a.Contrast, a.Saturation, _augment);
            }
            if (a.Cutout)
            {
                Cutout.Apply(_mbImagesAugmented, _mbSize, o.Channels * frames, o.Height, o.Width, a.CutoutCount, a.CutoutSize, _augment);
            }
        }
        using var scope = TorchScope.Enter();
        Tensor? images = _tImages != null ? _tImages.To(DType.Float32, _device) / 255.0 : null;
        Tensor? vectors = _tVectors?.To(_device);
        Tensor policyOut, value;
        if (_recurrent)
        {
            // Replay the recurrent state through the rollout, zeroing it where an episode started.
            Tensor h = _tHidden0!.To(_device);
            Tensor starts = _tStarts.To(_device);
            for (int t = 0; t < _steps; t++)
            {
                long a = (long)t * _mbEnvs, b = a + _mbEnvs;
                h = h * (1.0 - starts.Slice(0, a, b));
                ActorCriticOutput o = _policy.Evaluate(images?.Slice(0, a, b), vectors?.Slice(0, a, b), h);
                _stepPolicies[t] = o.Policy;
                _stepValues[t] = o.Value;
                h = o.Hidden!;
            }
            policyOut = Tensor.Cat(_stepPolicies, 0);
            value = Tensor.Cat(_stepValues, 0);
        }
        else
        {
            ActorCriticOutput o = _policy.Evaluate(images, vectors, null);
            policyOut = o.Policy;
            value = o.Value;
        }

        Tensor logProb, entropy;
        if (_policy.Action.Kind == ActionKind.Discrete)
        {
            var dist = new Categorical(policyOut);
            logProb = dist.LogProb(_tRaw.To(DType.Int64, _device));
            entropy = dist.Entropy();
        }
        else
        {
            var dist = new SquashedGaussian(policyOut, _policy.LogStd!, _policy.Action.Low, _policy.Action.High);
            logProb = dist.LogProb(_tRaw.To(_device));
            entropy = dist.Entropy();
        }

        Tensor policyLoss = PpoLosses.Policy(logProb, _tLogProbs.To(_device), _tAdvantages.To(_device), _options.ClipRange, out double clipFraction, out double kl);
        Tensor valueLoss = PpoLosses.Value(value, _tReturns.To(_device), _tValues.To(_device), _options.ValueClipRange);
        Tensor entropyMean = entropy.Mean();
        Tensor loss = policyLoss + valueLoss * _options.ValueCoef - entropyMean * _options.EntropyCoef;

        _adam.ZeroGrad();
        loss.Backward();
        double gradNorm = Tensor.ClipGradNorm(_parameters, _options.MaxGradNorm);
        _adam.Step();
        Array.Clear(_stepPolicies);
        Array.Clear(_stepValues);
        return (policyLoss.Item(), valueLoss.Item(), entropyMean.Item(), kl, clipFraction, gradNorm);
    }

    private void GatherSamples(ReadOnlySpan<int> samples)
    {
        for (int i = 0; i < samples.Length; i++)
        {
            CopySample(samples[i], i);
        }
    }

    private void GatherSequences(ReadOnlySpan<int> envs)
    {
        for (int j = 0; j < envs.Length; j++)
        {
            _hidden0.AsSpan(envs[j] * _hiddenSize, _hiddenSize).CopyTo(_mbHidden0.AsSpan(j * _hiddenSize));
        }
        for (int t = 0; t < _steps; t++)
        {
            for (int j = 0; j < envs.Length; j++)
            {
                CopySample(t * _numEnvs + envs[j], t * envs.Length + j);
            }
        }
    }

    private void CopySample(int s, int i)
    {
        if (_imageBytes > 0)
        {
            _obsImages.AsSpan(s * _imageBytes, _imageBytes).CopyTo(_mbImages.AsSpan(i * _imageBytes));
        }
        if (_vectorSize > 0)
        {
            _obsVectors.AsSpan(s * _vectorSize, _vectorSize).CopyTo(_mbVectors.AsSpan(i * _vectorSize));
        }
        _raw.AsSpan(s * _actionValues, _actionValues).CopyTo(_mbRaw.AsSpan(i * _actionValues));
        _mbLogProbs[i] = _logProbs[s];
        _mbAdvantages[i] = _advantages[s];
        _mbReturns[i] = _returns[s];
        _mbValues[i] = _values[s];
        _mbStarts[i] = _starts[s] ? 1f : 0f;
    }

    private void Shuffle(int[] order)
    {
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = _shuffle.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    public void Dispose()
    {
        _tImages?.Dispose();
        _tVectors?.Dispose();
        _tHidden0?.Dispose();
        _tRaw.Dispose();
        _tLogProbs.Dispose();
        _tAdvantages.Dispose();
        _tReturns.Dispose();
        _tValues.Dispose();
        _tStarts.Dispose();
        _runner.Dispose();
        _adam.Dispose();
        _policy.Dispose();
    }
}
