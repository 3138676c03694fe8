using Simulator.Learning.Env;
using Simulator.Torch;
using Simulator.Torch.Modules;

namespace Simulator.Learning.Networks;

/// <summary>Output of one evaluation: policy parameters (logits or means), state values [B], next recurrent state.</summary>
public readonly record struct ActorCriticOutput(Tensor Policy, Tensor Value, Tensor? Hidden);

/// <summary>
/// Policy and value network: image encoder (Nature or IMPALA, on frame-stacked float images in [0, 1]) and/or an MLP
/// for vectors, concatenated; an optional GRU or LSTM core; a policy head (logits for discrete actions, means plus a learned
/// log σ for continuous ones, initialised small) and a value head.
/// </summary>
public sealed class ActorCritic : Module
{
    private readonly Module? _image;
    private readonly Mlp? _vector;
    private readonly Mlp? _criticVector;
    private readonly GruCell? _gru;
    private readonly LstmCell? _lstm;
    private readonly Linear _policy;
    private readonly Linear _value;

    public ActorCritic(ObservationSpec observation, ActionSpec action, NetworkOptions options, Generator? generator = null)
    {
        observation.Validate();
        action.Validate();
        options.Validate();
        Observation = observation;
        Action = action;
        Options = options;
        int features = 0;
        if (observation.HasImage)
        {
            int channels = observation.Channels * options.FrameStack;
            if (options.ImageEncoder == ImageEncoderKind.Nature)
            {
                var cnn = new NatureCnn(channels, observation.Height, observation.Width, options.ImageFeatures, generator);
                features += cnn.OutputSize;
                _image = RegisterModule("image", cnn);
            }
            else
            {
                var cnn = new ImpalaCnn(channels, observation.Height, observation.Width, features: options.ImageFeatures, generator: generator);
                features += cnn.OutputSize;
                _image = RegisterModule("image", cnn);
            }
        }
        if (observation.VectorSize > 0)
        {
            _vector = RegisterModule("vector", new Mlp(observation.VectorSize, options.VectorHidden, generator));
            features += _vector.OutputSize;
            if (options.SeparateCritic)
            {
                if (observation.HasImage)
                {
                    throw new Core.SimInputException("a separate critic is only supported for vector-only observations");
                }
                _criticVector = RegisterModule("critic_vector", new Mlp(observation.VectorSize, options.VectorHidden, generator));
            }
        }
        if (options.RecurrentSize > 0)
        {
            if (options.Core == RecurrentCoreKind.Lstm)
            {
                _lstm = RegisterModule("core", new LstmCell(features, options.RecurrentSize, generator));
            }
            else
            {
                _gru = RegisterModule("core", new GruCell(features, options.RecurrentSize, generator));
            }
            features = options.RecurrentSize;
        }
        FeatureSize = features;
        _policy = RegisterModule("policy", new Linear(features, action.Dim, generator: generator));
        Init.Scale(_policy.Weight, 0.01);
        _value = RegisterModule("value", new Linear(features, 1, generator: generator));
        if (action.Kind == ActionKind.Continuous)
        {
            LogStd = RegisterParameter("log_std", Tensor.Full([action.Dim], options.InitialLogStd));
        }
    }

    public ObservationSpec Observation { get; }
    public ActionSpec Action { get; }
    public NetworkOptions Options { get; }
    public int FeatureSize { get; }
    public int RecurrentSize => Options.RecurrentSize;

    /// <summary>Floats of recurrent state per env (GRU: h; LSTM: packed [h | c]); 0 when feed-forward.</summary>
    public int RecurrentStateSize => Options.RecurrentStateSize();

    /// <summary>Parameters of the image (CNN) encoder; empty without images.</summary>
    public List<Tensor> EncoderParameters() => _image?.Parameters() ?? [];

    /// <summary>The layer producing logits (discrete) or means (continuous) from the features.</summary>
    public Linear PolicyHead => _policy;

    /// <summary>The layer producing the state value.</summary>
    public Linear ValueHead => _value;

    /// <summary>Learned log σ of continuous actions [d]; null for discrete actions.</summary>
    public Tensor? LogStd { get; }

    /// <summary>
    /// images: [B, C·stack, H, W] float in [0, 1] (or null); vectors: [B, V] (or null); hidden: [B, RecurrentStateSize]
    /// already zeroed where an episode starts (required when recurrent); the output's Hidden is the next state.
    /// </summary>
    public ActorCriticOutput Evaluate(Tensor? images, Tensor? vectors, Tensor? hidden)
    {
        Tensor features = Encode(images, vectors);
        Tensor? next = null;
        if (_gru != null)
        {
            next = _gru.Step(features, hidden ?? throw new ArgumentNullException(nameof(hidden), "recurrent policy needs a hidden state"));
            features = next;
        }
        else if (_lstm != null)
        {
            next = _lstm.Step(features, hidden ?? throw new ArgumentNullException(nameof(hidden), "recurrent policy needs a hidden state"));
            features = _lstm.Output(next);
        }
        Tensor value = _criticVector != null
            ? _value.Forward(_criticVector.Forward(vectors!)).Reshape(-1)
            : _value.Forward(features).Reshape(-1);
        return new ActorCriticOutput(_policy.Forward(features), value, next);
    }

    /// <summary>Policy output for a single-input network (image-only or vector-only, feed-forward).</summary>
    public override Tensor Forward(Tensor input)
        => Observation.HasImage ? Evaluate(input, null, null).Policy : Evaluate(null, input, null).Policy;

    private Tensor Encode(Tensor? images, Tensor? vectors)
    {
        Tensor? a = _image != null ? _image.Forward(images ?? throw new ArgumentNullException(nameof(images))) : null;
        Tensor? b = _vector != null ? _vector.Forward(vectors ?? throw new ArgumentNullException(nameof(vectors))) : null;
        if (a != null && b != null)
        {
            return Tensor.Cat([a, b], 1);
        }
        return a ?? b!;
    }
}
