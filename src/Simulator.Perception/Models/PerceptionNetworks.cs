using Simulator.Perception.Onnx;

namespace Simulator.Perception.Models;

/// <summary>Registers the shipped networks (untrained, seeded) with <see cref="PerceptionNetworkRegistry"/> as
/// "lanes", "objects" (the shipped detector's width) and every width as "objects-w1" to "objects-w4", for <c>sim bench perception --network</c>. The host calls it once at startup.</summary>
public static class PerceptionNetworks
{
    public static void Register()
    {
        PerceptionNetworkRegistry.Register("lanes", "LaneNet: lane segmentation encoder-decoder (lane_logits)",
            () => new LaneNet(), LaneNet.OutputNames);
        PerceptionNetworkRegistry.Register("objects", $"ObjectNet at the shipped width {ObjectNet.ShippedWidth}: centre-point detector at stride 4 (heatmap, box_size, box_offset)",
            () => new ObjectNet(width: ObjectNet.ShippedWidth), ObjectNet.OutputNames);
        for (int w = 1; w <= ObjectNet.MaxWidth; w++)
        {
            int width = w;
            PerceptionNetworkRegistry.Register($"objects-w{w}", $"ObjectNet with {w}x the channels (sim perception train --width {w})",
                () => new ObjectNet(width: width), ObjectNet.OutputNames);
        }
    }
}
