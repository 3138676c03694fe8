using Simulator.Perception.Models;
using Simulator.Torch;

namespace Simulator.Perception.Tests;

public class ModelShapeTests
{
    [Fact]
    public void Lane_net_gives_full_resolution_logits_within_the_compute_budget()
    {
        using var g = new Generator(3);
        using var net = new LaneNet(g);
        using var scope = TorchScope.Enter();
        using var noGrad = GradMode.NoGrad();
        Tensor y = net.Forward(Tensor.Rand([2, 3, 96, 96]));
        Assert.Equal([2L, 3, 96, 96], y.Shape);
        NetworkCost cost = net.Cost(96);
        Assert.Equal(8_976_384, cost.MultiplyAccumulates);
        Assert.Equal(54_499, net.ParameterCount());
    }

    [Fact]
    public void Object_net_gives_stride_4_heads_and_probabilities()
    {
        using var g = new Generator(3);
        using var net = new ObjectNet(g);
        using var scope = TorchScope.Enter();
        using var noGrad = GradMode.NoGrad();
        Tensor x = Tensor.Rand([2, 3, 96, 96]);
        ObjectHeads heads = net.ForwardHeads(x);
        Assert.Equal([2L, 5, 24, 24], heads.HeatmapLogits.Shape);
        Assert.Equal([2L, 2, 24, 24], heads.BoxSize.Shape);
        Assert.Equal([2L, 2, 24, 24], heads.BoxOffset.Shape);
        Tensor all = net.ForwardOutputs(x);
        Assert.Equal([2L, 9, 24, 24], all.Shape);
        Tensor probabilities = net.Forward(x);
        Assert.Equal([2L, 5, 24, 24], probabilities.Shape);
        Assert.Equal(probabilities.ToArray<float>(), all.Slice(1, 0, 5).Contiguous().ToArray<float>());
        Assert.All(probabilities.ToArray<float>(), p => Assert.InRange(p, 0f, 1f));
        NetworkCost cost = net.Cost(96);
        Assert.Equal(8_404_992, cost.MultiplyAccumulates);
        Assert.Equal(56_409, net.ParameterCount());
    }

    [Fact]
    public void Wider_object_net_keeps_the_heads_and_scales_the_cost()
    {
        using var g = new Generator(3);
        using var wide = new ObjectNet(g, 3);
        using var scope = TorchScope.Enter();
        using var noGrad = GradMode.NoGrad();
        Assert.Equal(3, wide.Width);
        Assert.Equal([2L, 9, 24, 24], wide.ForwardOutputs(Tensor.Rand([2, 3, 96, 96])).Shape);
        long small = 8_404_992, mac = wide.Cost(96).MultiplyAccumulates;
        // The first convolution (3 input channels) and the 1×1 outputs grow with the width, the rest with its square.
        Assert.InRange(mac, 8 * small, 9 * small);
        using var shipped = new ObjectNet(g, ObjectNet.ShippedWidth);
        Assert.Equal(126_517_248, shipped.Cost(96).MultiplyAccumulates);   // the model card's figures
        Assert.Equal(893_769, shipped.ParameterCount());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ObjectNet(g, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ObjectNet(g, ObjectNet.MaxWidth + 1));
    }

    [Fact]
    public void Same_seed_gives_the_same_weights()
    {
        using var g1 = new Generator(9);
        using var g2 = new Generator(9);
        using var g3 = new Generator(10);
        using var a = new LaneNet(g1);
        using var b = new LaneNet(g2);
        using var c = new LaneNet(g3);
        var pa = a.Parameters();
        var pb = b.Parameters();
        var pc = c.Parameters();
        Assert.Equal(pa[0].ToArray<float>(), pb[0].ToArray<float>());
        Assert.NotEqual(pa[0].ToArray<float>(), pc[0].ToArray<float>());
    }
}
