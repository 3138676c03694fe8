using Simulator.Torch;
using Simulator.Torch.Modules;

namespace Simulator.Learning.Networks;

/// <summary>Fully connected layers with tanh between them (and after the last, since it feeds heads).</summary>
public sealed class Mlp : Module
{
    private readonly Sequential _net = new();

    public Mlp(int inputSize, IReadOnlyList<int> hidden, Generator? generator = null)
    {
        if (hidden.Count == 0)
        {
            throw new Core.SimInputException("an MLP needs at least one hidden layer");
        }
        long previous = inputSize;
        foreach (int size in hidden)
        {
            _net.Add(new Linear(previous, size, generator: generator)).Add(new Tanh());
            previous = size;
        }
        RegisterModule("net", _net);
        OutputSize = (int)previous;
    }

    public int OutputSize { get; }

    public override Tensor Forward(Tensor input) => _net.Forward(input);
}
