using Simulator.Perception.Onnx;

namespace Simulator.Perception.Models;

public sealed partial class ObjectNet : IOnnxExportable
{
    /// <summary>The same graph as <see cref="ForwardHeads"/> with the sigmoid on the heatmap; returns
    /// <c>heatmap</c>, <c>box_size</c>, <c>box_offset</c>.</summary>
    public string[] EmitOnnx(OnnxGraph g, string preprocessedInput)
    {
        string e1 = g.Relu(g.Conv(preprocessedInput, _enc1));
        string e2 = g.Relu(g.Conv(g.Relu(g.Conv(e1, _enc2)), _enc2b));
        string e3 = g.Relu(g.Conv(e2, _enc3));
        string e4 = g.Relu(g.Conv(e3, _enc4));
        string m = g.Relu(g.Conv(e4, _mid));
        string u3 = g.Relu(g.Add(g.ConvTranspose(m, _up3), e3));
        string u2 = g.Relu(g.Add(g.ConvTranspose(u3, _up2), e2));
        string h = g.Relu(g.Conv(u2, _head));
        return [g.Sigmoid(g.Conv(h, _heat)), g.Conv(h, _size), g.Conv(h, _offset)];
    }

    /// <summary>Output names of the exported model, in <see cref="EmitOnnx"/>'s order.</summary>
    public static readonly string[] OutputNames = ["heatmap", "box_size", "box_offset"];
}
