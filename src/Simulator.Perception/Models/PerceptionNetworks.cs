using Simulator.Perception.Onnx;

namespace Simulator.Perception.Models;

/// <summary>Registers the shipped networks (untrained, seeded) with <see cref="PerceptionNetworkRegistry"/> as
/// "lanes", "objects" and the wider "objects-w2" to "objects-w4", for <c>sim bench perception --network</c>. The host calls it once at startup.</summary>
public static class PerceptionNetworks
{
    public static void Register()
    {
        PerceptionNetworkRegistry.Register("lanes", "LaneNet: lane segmentation encoder-decoder (lane_logits)",
            () => new LaneNet(), LaneNet.OutputNames);
        PerceptionNetworkRegistry.Register("objects", "ObjectNet: centre-point detector at stride 4 (heatmap, box_size, box_offset)",
            () => new ObjectNet(), ObjectNet.OutputNames);
        for (int w = 2; w <= ObjectNet.MaxWidth; w++)
        {
            int width = w;
            PerceptionNetworkRegistry.Register($"objects-w{w}", $"ObjectNet with {w}x the channels (sim perception train --width {w})",
                () => new ObjectNet(width: width), ObjectNet.OutputNames);
        }
    }
}
