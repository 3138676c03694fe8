using Simulator.Torch;
using Simulator.Torch.Modules;

namespace Simulator.Perception.Onnx;

/// <summary>
/// A small encoder-decoder segmentation network (the shape of the lane model: stride-4 encoder, transposed-conv
/// decoder with a skip connection, <c>lane_logits</c> [N,3,H,W]) that the benchmark and tests use until the trained
/// models are registered. Untrained: its figures are costs, not accuracy. H and W must be multiples of 4.
/// </summary>
public sealed class ReferencePerceptionNet : Module, IOnnxExportable
{
    private readonly Conv2d _down1;
    private readonly Conv2d _down2;
    private readonly Conv2d _middle;
    private readonly ConvTranspose2d _up1;
    private readonly ConvTranspose2d _up2;
    private readonly Conv2d _head;

    public ReferencePerceptionNet(int classes = 3, Generator? generator = null)
    {
        _down1 = RegisterModule("down1", new Conv2d(3, 16, 3, stride: 2, padding: 1, generator: generator));
        _down2 = RegisterModule("down2", new Conv2d(16, 32, 3, stride: 2, padding: 1, generator: generator));
        _middle = RegisterModule("middle", new Conv2d(32, 32, 3, stride: 1, padding: 1, generator: generator));
        _up1 = RegisterModule("up1", new ConvTranspose2d(32, 16, 2, stride: 2, generator: generator));
        _up2 = RegisterModule("up2", new ConvTranspose2d(16, 8, 2, stride: 2, generator: generator));
        _head = RegisterModule("head", new Conv2d(8, classes, 1, generator: generator));
    }

    public const string OutputName = "lane_logits";

    /// <summary>Float [N,3,H,W] in [0,1] (after <see cref="PerceptionPreprocess"/>) to logits [N,classes,H,W].</summary>
    public override Tensor Forward(Tensor input)
    {
        using var scope = TorchScope.Enter();
        Tensor d1 = _down1.Forward(input).Relu();
        Tensor d2 = _down2.Forward(d1).Relu();
        Tensor m = _middle.Forward(d2).Relu();
        Tensor u1 = _up1.Forward(m).Add(d1).Relu();
        Tensor u2 = _up2.Forward(u1).Relu();
        return _head.Forward(u2).MoveOut();
    }

    public string[] EmitOnnx(OnnxGraph g, string preprocessedInput)
    {
        string d1 = g.Relu(g.Conv(preprocessedInput, _down1, "down1"));
        string d2 = g.Relu(g.Conv(d1, _down2, "down2"));
        string m = g.Relu(g.Conv(d2, _middle, "middle"));
        string u1 = g.Relu(g.Add(g.ConvTranspose(m, _up1, "up1"), d1));
        string u2 = g.Relu(g.ConvTranspose(u1, _up2, "up2"));
        return [g.Conv(u2, _head, "head")];
    }
}
