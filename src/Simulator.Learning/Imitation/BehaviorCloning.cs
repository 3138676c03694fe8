using Simulator.Core;
using Simulator.Learning.Distributions;
using Simulator.Learning.Env;
using Simulator.Learning.Networks;
using Simulator.Torch;

namespace Simulator.Learning.Imitation;

/// <summary>
/// Supervised training of an <see cref="ActorCritic"/>'s policy on expert actions (behaviour cloning), for
/// pre-training before PPO or as a baseline. Feed-forward policies only. Minibatches are staged in pinned arrays.
/// </summary>
public sealed class BehaviorCloning : IDisposable
{
    private readonly ActorCritic _policy;
    private readonly BcOptions _options;
    private readonly Device _device;
    private readonly Adam _adam;
    private readonly List<Tensor> _parameters;
    private readonly Rng _rng;
    private readonly int _imageBytes, _vectorSize, _actionValues;
    private readonly byte[] _mbImages;
    private readonly float[] _mbVectors, _mbActions;
    private readonly Tensor? _tImages, _tVectors;
    private readonly Tensor _tActions;
    private readonly float[] _low, _high;

    public BehaviorCloning(ActorCritic policy, BcOptions options, Device device = Device.Cpu)
    {
        options.Validate();
        if (policy.RecurrentSize > 0)
        {
            throw new SimInputException("behaviour cloning supports feed-forward policies only", hint: "set recurrent_size to 0");
        }
        _policy = policy;
        _options = options;
        _device = device;
        _parameters = policy.Parameters();
        _adam = new Adam(_parameters, options.LearningRate);
        _rng = Rng.Create(options.Seed, RngStream.Training, 2);
        ObservationSpec obs = policy.Observation;
        int b = options.BatchSize;
        _imageBytes = obs.HasImage ? obs.ImageBytes * policy.Options.FrameStack : 0;
        _vectorSize = obs.VectorSize;
        _actionValues = policy.Action.ValuesPerEnv;
        _mbImages = GC.AllocateArray<byte>(b * _imageBytes, pinned: true);
        _mbVectors = GC.AllocateArray<float>(b * _vectorSize, pinned: true);
        _mbActions = GC.AllocateArray<float>(b * _actionValues, pinned: true);
        if (obs.HasImage)
        {
            _tImages = Tensor.FromArrayNoCopy(_mbImages, b, obs.Channels * policy.Options.FrameStack, obs.Height, obs.Width).DetachFromScope();
        }
        if (_vectorSize > 0)
        {
            _tVectors = Tensor.FromArrayNoCopy(_mbVectors, b, _vectorSize).DetachFromScope();
        }
        _tActions = Tensor.FromArrayNoCopy(_mbActions, b, _actionValues).DetachFromScope();
        _low = policy.Action.Low;
        _high = policy.Action.High;
    }

    /// <summary>One pass over the data in a seeded random order; returns the mean minibatch loss.</summary>
    public double TrainEpoch(BcDataset data)
    {
        data.Validate(_policy.Observation, _policy.Options.FrameStack, _policy.Action);
        int[] order = new int[data.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = _rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        double sum = 0;
        int batches = 0;
        for (int start = 0; start < data.Count; start += _options.BatchSize)
        {
            int count = Stage(data, order.AsSpan(start, Math.Min(_options.BatchSize, data.Count - start)));
            using var scope = TorchScope.Enter();
            Tensor loss = Loss(count, _options.Loss);
            _adam.ZeroGrad();
            loss.Backward();
            Tensor.ClipGradNorm(_parameters, _options.MaxGradNorm);
            _adam.Step();
            sum += loss.Item();
            batches++;
        }
        return sum / batches;
    }

    /// <summary>Mean squared error of the deterministic action (env units) over <paramref name="data"/>; for discrete
    /// actions, the error rate of the most likely action.</summary>
    public double Evaluate(BcDataset data)
    {
        data.Validate(_policy.Observation, _policy.Options.FrameStack, _policy.Action);
        int[] order = new int[Math.Min(_options.BatchSize, data.Count)];
        double sum = 0;
        for (int start = 0; start < data.Count; start += _options.BatchSize)
        {
            int count = Math.Min(_options.BatchSize, data.Count - start);
            for (int i = 0; i < count; i++)
            {
                order[i] = start + i;
            }
            Stage(data, order.AsSpan(0, count));
            using var scope = TorchScope.Enter();
            using var noGrad = GradMode.NoGrad();
            Tensor policyOut = Forward(count);
            Tensor target = _tActions.Slice(0, 0, count).To(_device);
            if (_policy.Action.Kind == ActionKind.Discrete)
            {
                double correct = policyOut.ArgMax(1).To(DType.Float32).Eq(target.Reshape(-1)).To(DType.Float32).Sum().Item();
                sum += count - correct;
            }
            else
            {
                sum += (ToEnvUnits(policyOut) - target).Square().Mean(1).Sum().Item();
            }
        }
        return sum / data.Count;
    }

    private Tensor Loss(int count, BcLoss kind)
    {
        Tensor policyOut = Forward(count);
        Tensor target = _tActions.Slice(0, 0, count).To(_device);
        if (_policy.Action.Kind == ActionKind.Discrete)
        {
            return -new Categorical(policyOut).LogProb(target.To(DType.Int64)).Mean();
        }
        if (kind == BcLoss.Mse)
        {
            return (ToEnvUnits(policyOut) - target).Square().Mean();
        }
        // Raw target u = atanh(normalised action), kept inside (−1, 1) so it stays finite.
        Tensor scale = Tensor.FromArray(Half(_high, _low, -1), _low.Length).To(_device);
        Tensor offset = Tensor.FromArray(Half(_high, _low, 1), _low.Length).To(_device);
        Tensor raw = ((target - offset) / scale).Clamp(-0.999, 0.999).Atanh();
        return -new SquashedGaussian(policyOut, _policy.LogStd!, _low, _high).LogProb(raw).Mean();
    }

    private Tensor ToEnvUnits(Tensor mean)
    {
        Tensor scale = Tensor.FromArray(Half(_high, _low, -1), _low.Length).To(_device);
        Tensor offset = Tensor.FromArray(Half(_high, _low, 1), _low.Length).To(_device);
        return mean.Tanh() * scale + offset;
    }

    // (high − low)/2 for sign −1, (high + low)/2 for sign +1.
    private static float[] Half(float[] high, float[] low, int sign)
    {
        var r = new float[high.Length];
        for (int j = 0; j < r.Length; j++)
        {
            r[j] = (high[j] + sign * low[j]) / 2f;
        }
        return r;
    }

    private Tensor Forward(int count)
    {
        Tensor? images = _tImages != null ? _tImages.Slice(0, 0, count).To(DType.Float32, _device) / 255.0 : null;
        Tensor? vectors = _tVectors?.Slice(0, 0, count).To(_device);
        return _policy.Evaluate(images, vectors, null).Policy;
    }

    private int Stage(BcDataset data, ReadOnlySpan<int> samples)
    {
        for (int i = 0; i < samples.Length; i++)
        {
            int s = samples[i];
            if (_imageBytes > 0)
            {
                data.Images.AsSpan(s * _imageBytes, _imageBytes).CopyTo(_mbImages.AsSpan(i * _imageBytes));
            }
            if (_vectorSize > 0)
            {
                data.Vectors.AsSpan(s * _vectorSize, _vectorSize).CopyTo(_mbVectors.AsSpan(i * _vectorSize));
            }
            data.Actions.AsSpan(s * _actionValues, _actionValues).CopyTo(_mbActions.AsSpan(i * _actionValues));
        }
        return samples.Length;
    }

    public void Dispose()
    {
        _tImages?.Dispose();
        _tVectors?.Dispose();
        _tActions.Dispose();
        _adam.Dispose();
    }
}
