using Simulator.Torch;

namespace Simulator.Learning.Distributions;

/// <summary>A batch of categorical distributions given by unnormalised logits [B, n]. Tensors belong to the current scope.</summary>
public sealed class Categorical
{
    private readonly Tensor _logits;
    private readonly Tensor _logProbs;

    public Categorical(Tensor logits)
    {
        _logits = logits;
        _logProbs = logits.LogSoftmax(1);
    }

    public Tensor LogProbs => _logProbs;

    /// <summary>log π(a) for int64 actions [B].</summary>
    public Tensor LogProb(Tensor actions) => _logProbs.Gather(1, actions.Reshape(-1, 1)).Reshape(-1);

    /// <summary>−Σ p log p per row [B].</summary>
    public Tensor Entropy() => -(_logProbs.Exp() * _logProbs).Sum(1);

    /// <summary>Samples by the Gumbel-max trick from <paramref name="generator"/>: argmax(logits − log(−log U)). int64 [B].</summary>
    public Tensor Sample(Generator generator)
    {
        Tensor u = Tensor.Rand([_logits.Size(0), _logits.Size(1)], generator).To(_logits.Device).Clamp(1e-10, 1.0 - 1e-7);
        return (_logits - (-u.Log()).Log()).ArgMax(1);
    }

    /// <summary>Most likely action per row, int64 [B].</summary>
    public Tensor Mode() => _logits.ArgMax(1);
}
