using Simulator.Learning.Data;
using Simulator.Learning.Distributions;
using Simulator.Learning.Env;
using Simulator.Learning.Networks;
using Simulator.Torch;

namespace Simulator.Learning.Ppo;

/// <summary>
/// Runs an <see cref="ActorCritic"/> on the observations of N envs: frame stacking, the recurrent state with its
/// resets, sampling (seeded) or greedy actions, and mapping to env actions. Input tensors are made once over pinned
/// buffers, so a step allocates no buffers (only the small tensor wrappers of the forward pass).
/// </summary>
public sealed class PolicyRunner : IDisposable
{
    private readonly ActorCritic _policy;
    private readonly Device _device;
    private readonly int _numEnvs;
    private readonly FrameStacker? _stacker;
    private readonly float[] _vectors;
    private readonly float[] _startMask;
    private readonly Tensor? _imageInput;
    private readonly Tensor? _vectorInput;
    private readonly Tensor _startInput;
    private readonly Generator _generator;
    private readonly float[] _scratch;
    private readonly float[] _scratchLogp;
    private readonly float[] _scratchValue;
    private Tensor? _hidden;
    private byte[]? _finalStackBackup;
    private float[]? _finalVectorBackup;
    private float[]? _finalMaskBackup;
    private bool[]? _noStarts;

    public PolicyRunner(ActorCritic policy, int numEnvs, Device device, ulong seed)
    {
        _policy = policy;
        _device = device;
        _numEnvs = numEnvs;
        ObservationSpec spec = policy.Observation;
        if (spec.HasImage)
        {
            _stacker = new FrameStacker(numEnvs, spec.Channels, spec.Height, spec.Width, policy.Options.FrameStack);
            _imageInput = Tensor.FromArrayNoCopy(_stacker.Stacked, numEnvs, spec.Channels * policy.Options.FrameStack, spec.Height, spec.Width).DetachFromScope();
        }
        _vectors = GC.AllocateArray<float>(numEnvs * spec.VectorSize, pinned: true);
        if (spec.VectorSize > 0)
        {
            _vectorInput = Tensor.FromArrayNoCopy(_vectors, numEnvs, spec.VectorSize).DetachFromScope();
        }
        _startMask = GC.AllocateArray<float>(numEnvs, pinned: true);
        _startInput = Tensor.FromArrayNoCopy(_startMask, numEnvs, 1).DetachFromScope();
        if (policy.RecurrentStateSize > 0)
        {
            _hidden = Tensor.Full([numEnvs, policy.RecurrentStateSize], 0.0, DType.Float32, device).DetachFromScope();
        }
        _generator = new Generator(seed);
        _scratch = new float[numEnvs * policy.Action.ValuesPerEnv];
        _scratchLogp = new float[numEnvs];
        _scratchValue = new float[numEnvs];
    }

    public ActorCritic Policy => _policy;

    /// <summary>The stacked image observation [N, k·C, H, W] bytes (null without images).</summary>
    public byte[]? StackedImages => _stacker?.Stacked;

    /// <summary>The current vector observations [N, V].</summary>
    public float[] Vectors => _vectors;

    /// <summary>Takes the env's current observations; flagged envs start a new episode (stack and recurrent state reset).</summary>
    public void Observe(ReadOnlySpan<byte> imagesHwc, ReadOnlySpan<float> vectors, ReadOnlySpan<bool> episodeStarted)
    {
        if (_stacker != null)
        {
            _stacker.Push(imagesHwc, episodeStarted);
        }
        vectors.CopyTo(_vectors);
        for (int n = 0; n < _numEnvs; n++)
        {
            _startMask[n] = episodeStarted[n] ? 1f : 0f;
        }
    }

    /// <summary>Copies the recurrent state [N, S] (S = RecurrentStateSize) (before this step's episode-start reset) into <paramref name="destination"/>.</summary>
    public void CopyHidden(Span<float> destination)
    {
        if (_hidden != null)
        {
            _hidden.CopyTo(destination);
        }
    }

    /// <summary>
    /// Chooses actions: raw actions (discrete index, or pre-tanh value per dimension) into <paramref name="raw"/>
    /// (N × ValuesPerEnv), their log-probabilities and the state values; advances the recurrent state.
    /// </summary>
    public void Act(bool deterministic, Span<float> raw, Span<float> logProb, Span<float> value)
    {
        using var scope = TorchScope.Enter();
        using var noGrad = GradMode.NoGrad();
        ActorCriticOutput output = Evaluate();
        ActionSpec action = _policy.Action;
        Tensor chosen, logp;
        if (action.Kind == ActionKind.Discrete)
        {
            var dist = new Categorical(output.Policy);
            chosen = deterministic ? dist.Mode() : dist.Sample(_generator);
            logp = dist.LogProb(chosen);
            chosen = chosen.To(DType.Float32);
        }
        else
        {
            var dist = new SquashedGaussian(output.Policy, _policy.LogStd!, action.Low, action.High);
            chosen = deterministic ? dist.ModeRaw() : dist.SampleRaw(_generator);
            logp = dist.LogProb(chosen);
        }
        chosen.CopyTo(raw);
        logp.CopyTo(logProb);
        output.Value.CopyTo(value);
        if (output.Hidden != null)
        {
            _hidden!.Dispose();
            _hidden = output.Hidden.DetachFromScope();
        }
    }

    /// <summary>State values of the current observations without sampling or advancing the recurrent state.</summary>
    public void Values(Span<float> value)
    {
        using var scope = TorchScope.Enter();
        using var noGrad = GradMode.NoGrad();
        Evaluate().Value.CopyTo(value);
    }

    /// <summary>
    /// State values of the final observations of the envs flagged in <paramref name="which"/> (those truncated in the
    /// step just taken), as if they had not been reset: their frame stacks get the final frame and the recurrent
    /// state is the one after the step. Call before <see cref="Observe"/> of the post-reset observations. Entries of
    /// other envs are left unchanged.
    /// </summary>
    public void FinalValues(ReadOnlySpan<byte> finalImagesHwc, ReadOnlySpan<float> finalVectors, ReadOnlySpan<bool> which, Span<float> value)
    {
        byte[]? savedStack = null;
        if (_stacker != null)
        {
            savedStack = _finalStackBackup ??= new byte[_stacker.Stacked.Length];
            _stacker.Stacked.AsSpan().CopyTo(savedStack);
            Span<bool> none = _noStarts ??= new bool[_numEnvs];
            _stacker.Push(finalImagesHwc, none);
        }
        float[] savedVectors = _finalVectorBackup ??= new float[_vectors.Length];
        _vectors.AsSpan().CopyTo(savedVectors);
        finalVectors.CopyTo(_vectors);
        float[] savedMask = _finalMaskBackup ??= new float[_numEnvs];
        _startMask.AsSpan().CopyTo(savedMask);
        Array.Clear(_startMask);
        try
        {
            using var scope = TorchScope.Enter();
            using var noGrad = GradMode.NoGrad();
            Span<float> all = _scratchValue;
            Evaluate().Value.CopyTo(all);
            for (int n = 0; n < _numEnvs; n++)
            {
                if (which[n])
                {
                    value[n] = all[n];
                }
            }
        }
        finally
        {
            savedStack?.CopyTo(_stacker!.Stacked, 0);
            savedVectors.CopyTo(_vectors, 0);
            savedMask.CopyTo(_startMask, 0);
        }
    }

    /// <summary>Maps raw actions to what the env's Step takes.</summary>
    public void ToEnvActions(ReadOnlySpan<float> raw, Span<float> envActions)
    {
        ActionSpec action = _policy.Action;
        if (action.Kind == ActionKind.Discrete)
        {
            raw[.._numEnvs].CopyTo(envActions);
        }
        else
        {
            SquashedGaussian.ToEnvActions(raw[..(_numEnvs * action.Dim)], action.Dim, action.Low, action.High, envActions);
        }
    }

    /// <summary>Acts and converts in one call (evaluation and deployment).</summary>
    public void ActForEnv(bool deterministic, Span<float> envActions)
    {
        Act(deterministic, _scratch, _scratchLogp, _scratchValue);
        ToEnvActions(_scratch, envActions);
    }

    private ActorCriticOutput Evaluate()
    {
        Tensor? images = _imageInput != null ? _imageInput.To(DType.Float32, _device) / 255.0 : null;
        Tensor? vectors = _vectorInput?.To(_device);
        Tensor? hidden = _hidden != null ? _hidden * (1.0 - _startInput.To(_device)) : null;
        return _policy.Evaluate(images, vectors, hidden);
    }

    public void Dispose()
    {
        _imageInput?.Dispose();
        _vectorInput?.Dispose();
        _startInput.Dispose();
        _hidden?.Dispose();
        _generator.Dispose();
    }
}
