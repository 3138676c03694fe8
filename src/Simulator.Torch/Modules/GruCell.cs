namespace Simulator.Torch.Modules;

/// <summary>
/// One GRU step, composed from linear ops as torch.nn.GRUCell (gate order r, z, n):
/// r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
/// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h.
/// </summary>
public sealed class GruCell : Module
{
    public GruCell(long inputSize, long hiddenSize, Generator? generator = null)
    {
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        WeightIh = RegisterParameter("weight_ih", Init.DefaultUniform([3 * hiddenSize, inputSize], hiddenSize, generator));
        WeightHh = RegisterParameter("weight_hh", Init.DefaultUniform([3 * hiddenSize, hiddenSize], hiddenSize, generator));
        BiasIh = RegisterParameter("bias_ih", Init.DefaultUniform([3 * hiddenSize], hiddenSize, generator));
        BiasHh = RegisterParameter("bias_hh", Init.DefaultUniform([3 * hiddenSize], hiddenSize, generator));
    }

    public long InputSize { get; }
    public long HiddenSize { get; }
    public Tensor WeightIh { get; }
    public Tensor WeightHh { get; }
    public Tensor BiasIh { get; }
    public Tensor BiasHh { get; }

    /// <summary>Not meaningful for a cell without state: starts from a zero hidden state.</summary>
    public override Tensor Forward(Tensor input)
    {
        Tensor h = Tensor.Full([input.Size(0), HiddenSize], 0.0, DType.Float32, input.Device);
        return Step(input, h);
    }

    /// <summary>x [N, input], h [N, hidden] → h' [N, hidden].</summary>
    public Tensor Step(Tensor x, Tensor h)
    {
        long hs = HiddenSize;
        Tensor gi = Functional.Linear(x, WeightIh, BiasIh);
        Tensor gh = Functional.Linear(h, WeightHh, BiasHh);
        Tensor r = (gi.Slice(1, 0, hs) + gh.Slice(1, 0, hs)).Sigmoid();
        Tensor z = (gi.Slice(1, hs, 2 * hs) + gh.Slice(1, hs, 2 * hs)).Sigmoid();
        Tensor n = (gi.Slice(1, 2 * hs, 3 * hs) + r * gh.Slice(1, 2 * hs, 3 * hs)).Tanh();
        return (1.0 - z) * n + z * h;
    }
}
