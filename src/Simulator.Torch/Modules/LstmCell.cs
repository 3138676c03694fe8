namespace Simulator.Torch.Modules;

/// <summary>
/// One LSTM step, composed from linear ops as torch.nn.LSTMCell (gate order i, f, g, o):
/// i = σ(W_ii x + b_ii + W_hi h + b_hi), f = σ(W_if x + b_if + W_hf h + b_hf), g = tanh(W_ig x + b_ig + W_hg h + b_hg),
/// o = σ(W_io x + b_io + W_ho h + b_ho), c' = f ⊙ c + i ⊙ g, h' = o ⊙ tanh(c').
/// The state travels as one tensor [N, 2·hidden] = [h | c] so that callers that store, mask and replay a recurrent
/// state handle it exactly as a GRU's: zeroing the tensor resets both h and c.
/// </summary>
public sealed class LstmCell : Module
{
    public LstmCell(long inputSize, long hiddenSize, Generator? generator = null)
    {
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        WeightIh = RegisterParameter("weight_ih", Init.DefaultUniform([4 * hiddenSize, inputSize], hiddenSize, generator));
        WeightHh = RegisterParameter("weight_hh", Init.DefaultUniform([4 * hiddenSize, hiddenSize], hiddenSize, generator));
        BiasIh = RegisterParameter("bias_ih", Init.DefaultUniform([4 * hiddenSize], hiddenSize, generator));
        BiasHh = RegisterParameter("bias_hh", Init.DefaultUniform([4 * hiddenSize], hiddenSize, generator));
    }

    public long InputSize { get; }
    public long HiddenSize { get; }

    /// <summary>Width of the packed state [h | c].</summary>
    public long StateSize => 2 * HiddenSize;

    public Tensor WeightIh { get; }
    public Tensor WeightHh { get; }
    public Tensor BiasIh { get; }
    public Tensor BiasHh { get; }

    /// <summary>Not meaningful for a cell without state: starts from a zero state and returns h'.</summary>
    public override Tensor Forward(Tensor input)
    {
        Tensor state = Tensor.Full([input.Size(0), StateSize], 0.0, DType.Float32, input.Device);
        return Output(Step(input, state));
    }

    /// <summary>x [N, input], state [N, 2·hidden] = [h | c] → state' [N, 2·hidden] = [h' | c'].</summary>
    public Tensor Step(Tensor x, Tensor state)
    {
        long hs = HiddenSize;
        Tensor h = state.Slice(1, 0, hs);
        Tensor c = state.Slice(1, hs, 2 * hs);
        Tensor gates = Functional.Linear(x, WeightIh, BiasIh) + Functional.Linear(h, WeightHh, BiasHh);
        Tensor i = gates.Slice(1, 0, hs).Sigmoid();
        Tensor f = gates.Slice(1, hs, 2 * hs).Sigmoid();
        Tensor g = gates.Slice(1, 2 * hs, 3 * hs).Tanh();
        Tensor o = gates.Slice(1, 3 * hs, 4 * hs).Sigmoid();
        Tensor c2 = f * c + i * g;
        Tensor h2 = o * c2.Tanh();
        return Tensor.Cat([h2, c2], 1);
    }

    /// <summary>The output h of a packed state [N, 2·hidden].</summary>
    public Tensor Output(Tensor state) => state.Slice(1, 0, HiddenSize);
}
