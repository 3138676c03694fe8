using Simulator.Torch;
using Simulator.Torch.Modules;

namespace Simulator.Torch.Tests;

public class ScopeAndDeterminismTests
{
    [Fact]
    public void ScopeDisposesTemporariesAndKeepsMovedOutResults()
    {
        Tensor inner, kept, detached;
        using (var outer = TorchScope.Enter())
        {
            using (TorchScope.Enter())
            {
                inner = Tensor.Ones(3);
                kept = (inner * 2.0).MoveOut();
                detached = (inner * 3.0).DetachFromScope();
            }
            Assert.True(inner.IsDisposed);
            Assert.False(kept.IsDisposed);
            Assert.Equal(6, kept.Sum().Item());
        }
        Assert.True(kept.IsDisposed);
        Assert.False(detached.IsDisposed);
        Assert.Equal(9, detached.Sum().Item());
        detached.Dispose();
        Assert.Equal(0, TorchScope.Depth);
    }

    private static float[] TrainTinyNet(ulong seed)
    {
        using var scope = TorchScope.Enter();
        using var g = new Generator(seed);
        using var net = new Sequential(new Conv2d(1, 4, 3, generator: g), new ReLU(), new Flatten(), new Linear(4 * 4 * 4, 2, generator: g));
        using var adam = new Adam(net.Parameters(), 1e-2);
        var x = Tensor.Rand([8, 1, 6, 6], g);
        var target = Tensor.Randn([8, 2], g);
        for (int i = 0; i < 5; i++)
        {
            using var step = TorchScope.Enter();
            adam.ZeroGrad();
            net.Forward(x).MseLoss(target).Backward();
            adam.Step();
        }
        return net.Forward(x).ToArray<float>();
    }

    [Fact]
    public void SameSeedSameInitAndSameResult()
    {
        using (var scope = TorchScope.Enter())
        {
            using var g1 = new Generator(42);
            using var g2 = new Generator(42);
            Assert.Equal(Tensor.Randn([100], g1).ToArray<float>(), Tensor.Randn([100], g2).ToArray<float>());
            TorchRuntime.ManualSeed(5);
            float[] a = Tensor.Rand([10]).ToArray<float>();
            TorchRuntime.ManualSeed(5);
            Assert.Equal(a, Tensor.Rand([10]).ToArray<float>());
        }
        float[] r1 = TrainTinyNet(11);
        Assert.Equal(r1, TrainTinyNet(11));
        Assert.NotEqual(r1, TrainTinyNet(12));
    }

    [Fact]
    public void GruCellMatchesFormula()
    {
        using var scope = TorchScope.Enter();
        using var g = new Generator(9);
        using var cell = new GruCell(3, 2, g);
        var x = Tensor.Randn([1, 3], g).To(DType.Float32);
        var h = Tensor.Randn([1, 2], g);
        float[] got = cell.Step(x, h).ToArray<float>();
        // Recompute by hand in double from the parameter values.
        double[] wi = cell.WeightIh.To(DType.Float64).ToArray<double>(), wh = cell.WeightHh.To(DType.Float64).ToArray<double>();
        double[] bi = cell.BiasIh.To(DType.Float64).ToArray<double>(), bh = cell.BiasHh.To(DType.Float64).ToArray<double>();
        double[] xv = x.To(DType.Float64).ToArray<double>(), hv = h.To(DType.Float64).ToArray<double>();
        double Gi(int row) => bi[row] + wi[row * 3] * xv[0] + wi[row * 3 + 1] * xv[1] + wi[row * 3 + 2] * xv[2];
        double Gh(int row) => bh[row] + wh[row * 2] * hv[0] + wh[row * 2 + 1] * hv[1];
        static double Sig(double v) => 1 / (1 + Math.Exp(-v));
        for (int j = 0; j < 2; j++)
        {
            double r = Sig(Gi(j) + Gh(j));
            double z = Sig(Gi(2 + j) + Gh(2 + j));
            double n = Math.Tanh(Gi(4 + j) + r * Gh(4 + j));
            Assert.Equal((1 - z) * n + z * hv[j], got[j], 5);
        }
    }
}
