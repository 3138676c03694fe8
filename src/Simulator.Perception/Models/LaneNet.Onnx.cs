using Simulator.Perception.Onnx;

namespace Simulator.Perception.Models;

public sealed partial class LaneNet : IOnnxExportable
{
    /// <summary>The same graph as <see cref="Forward"/>; returns the one output (<c>lane_logits</c>).</summary>
    public string[] EmitOnnx(OnnxGraph g, string preprocessedInput)
    {
        string e1 = g.Relu(g.Conv(preprocessedInput, _enc1));
        string e2 = g.Relu(g.Conv(e1, _enc2));
        string e3 = g.Relu(g.Conv(e2, _enc3));
        string e4 = g.Relu(g.Conv(e3, _enc4));
        string m = g.Relu(g.Conv(e4, _mid));
        string u3 = g.Relu(g.Add(g.ConvTranspose(m, _up3), e3));
        string u2 = g.Relu(g.Add(g.ConvTranspose(u3, _up2), e2));
        string d2 = g.Relu(g.Conv(u2, _dec2));
        string u1 = g.Relu(g.Add(g.ConvTranspose(d2, _up1), e1));
        string d1 = g.Relu(g.Conv(u1, _dec1));
        return [g.ConvTranspose(d1, _out)];
    }

    /// <summary>Output names of the exported model, in <see cref="EmitOnnx"/>'s order.</summary>
    public static readonly string[] OutputNames = ["lane_logits"];
}
