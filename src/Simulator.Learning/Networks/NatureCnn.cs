using Simulator.Torch;
using Simulator.Torch.Modules;

namespace Simulator.Learning.Networks;

/// <summary>The DQN "Nature" encoder (Mnih et al. 2015): conv 32 8×8/4, 64 4×4/2, 64 3×3/1, linear 512, ReLUs.</summary>
public sealed class NatureCnn : Module
{
    private readonly Sequential _net;

    public NatureCnn(int channels, int height, int width, int features = 512, Generator? generator = null)
    {
        var c1 = new Conv2d(channels, 32, 8, 4, generator: generator);
        var c2 = new Conv2d(32, 64, 4, 2, generator: generator);
        var c3 = new Conv2d(64, 64, 3, 1, generator: generator);
        long h = c3.OutputSize(c2.OutputSize(c1.OutputSize(height)));
        long w = c3.OutputSize(c2.OutputSize(c1.OutputSize(width)));
        if (h < 1 || w < 1)
        {
            throw new Core.SimInputException($"image {height}×{width} is too small for the Nature CNN", hint: "use at least 36×36 pixels or the IMPALA encoder");
        }
        _net = RegisterModule("net", new Sequential(c1, new ReLU(), c2, new ReLU(), c3, new ReLU(), new Flatten(),
            new Linear(64 * h * w, features, generator: generator), new ReLU()));
        OutputSize = features;
    }

    public int OutputSize { get; }

    /// <summary>[N, C, H, W] float (scaled to [0, 1]) → [N, features].</summary>
    public override Tensor Forward(Tensor input) => _net.Forward(input);
}
