using Simulator.Torch;
using Simulator.Torch.Modules;

namespace Simulator.Perception.Models;

/// <summary>
/// Lane segmentation network: a small encoder-decoder over a float NCHW [N, 3, H, W] image in [0, 1] (H and W
/// multiples of 16), giving <c>lane_logits</c> [N, 3, H, W] (classes <see cref="Data.LaneClass"/>).
/// Encoder: four 3×3 stride-2 convolutions (1/2 … 1/16) and a 3×3 bottleneck; decoder: 4×4 stride-2 transposed
/// convolutions back up, each added to the encoder feature of the same scale (skip connections), with a 3×3
/// refinement at 1/4 and 1/2, and a last transposed convolution to full resolution. ReLU throughout.
/// At 96×96: 8.98 M multiply-accumulates (≈ 18 MFLOPs) and 54,499 parameters (see <see cref="Cost"/>).
/// </summary>
public sealed partial class LaneNet : Module
{
    private readonly Conv2d _enc1, _enc2, _enc3, _enc4, _mid, _dec2, _dec1;
    private readonly ConvTranspose2d _up3, _up2, _up1, _out;

    public LaneNet(Generator? generator = null)
    {
        _enc1 = RegisterModule("enc1", new Conv2d(3, 8, 3, 2, 1, generator: generator));
        _enc2 = RegisterModule("enc2", new Conv2d(8, 16, 3, 2, 1, generator: generator));
        _enc3 = RegisterModule("enc3", new Conv2d(16, 32, 3, 2, 1, generator: generator));
        _enc4 = RegisterModule("enc4", new Conv2d(32, 32, 3, 2, 1, generator: generator));
        _mid = RegisterModule("mid", new Conv2d(32, 32, 3, 1, 1, generator: generator));
        _up3 = RegisterModule("up3", new ConvTranspose2d(32, 32, 4, 2, 1, generator: generator));
        _up2 = RegisterModule("up2", new ConvTranspose2d(32, 16, 4, 2, 1, generator: generator));
        _dec2 = RegisterModule("dec2", new Conv2d(16, 16, 3, 1, 1, generator: generator));
        _up1 = RegisterModule("up1", new ConvTranspose2d(16, 8, 4, 2, 1, generator: generator));
        _dec1 = RegisterModule("dec1", new Conv2d(8, 8, 3, 1, 1, generator: generator));
        _out = RegisterModule("out", new ConvTranspose2d(8, 3, 4, 2, 1, generator: generator));
    }

    /// <summary>Image side multiple the network needs (four halvings).</summary>
    public const int SizeMultiple = 16;

    /// <summary>float [N, 3, H, W] in [0, 1] → lane logits [N, 3, H, W].</summary>
    public override Tensor Forward(Tensor input)
    {
        Tensor e1 = _enc1.Forward(input).Relu();
        Tensor e2 = _enc2.Forward(e1).Relu();
        Tensor e3 = _enc3.Forward(e2).Relu();
        Tensor e4 = _enc4.Forward(e3).Relu();
        Tensor m = _mid.Forward(e4).Relu();
        Tensor u3 = (_up3.Forward(m) + e3).Relu();
        Tensor u2 = (_up2.Forward(u3) + e2).Relu();
        Tensor d2 = _dec2.Forward(u2).Relu();
        Tensor u1 = (_up1.Forward(d2) + e1).Relu();
        Tensor d1 = _dec1.Forward(u1).Relu();
        return _out.Forward(d1);
    }

    /// <summary>Multiply-accumulates for one square frame of side <paramref name="size"/>.</summary>
    public NetworkCost Cost(int size)
    {
        var c = new NetworkCost();
        long s1 = c.Conv(_enc1, size), s2 = c.Conv(_enc2, s1), s3 = c.Conv(_enc3, s2), s4 = c.Conv(_enc4, s3);
        c.Conv(_mid, s4);
        c.ConvTranspose(_up3, s4);
        c.ConvTranspose(_up2, s3);
        c.Conv(_dec2, s2);
        c.ConvTranspose(_up1, s2);
        c.Conv(_dec1, s1);
        c.ConvTranspose(_out, s1);
        return c;
    }
}
