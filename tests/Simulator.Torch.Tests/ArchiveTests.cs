using Simulator.Core;
using Simulator.Torch;
using Simulator.Torch.Modules;

namespace Simulator.Torch.Tests;

public class ArchiveTests
{
    [Fact]
    public void RoundTripIsBitExactAndKeepsOrderAndTypes()
    {
        using var scope = TorchScope.Enter();
        using var g = new Generator(3);
        var a = Tensor.Randn([3, 4], g);
        var b = Tensor.FromArray(new double[] { Math.PI, double.Epsilon, -0.0, double.MaxValue }, 2, 2);
        var c = Tensor.FromArray(new long[] { long.MinValue, 7 }, 2);
        var d = Tensor.FromArray(new byte[] { 0, 255, 9 }, 3);
        string path = Path.Combine(Path.GetTempPath(), $"simtorch-{Guid.NewGuid():N}.pt");
        try
        {
            TensorArchive.Save(path, [new("z.weight", a), new("b", b), new("count", c), new("bytes", d)]);
            var loaded = TensorArchive.Load(path);
            Assert.Equal(["z.weight", "b", "count", "bytes"], loaded.Select(p => p.Key));
            Assert.Equal(a.ToArray<float>().Select(BitConverter.SingleToInt32Bits), loaded[0].Value.ToArray<float>().Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(new long[] { 3, 4 }, loaded[0].Value.Shape);
            Assert.Equal(b.ToArray<double>().Select(BitConverter.DoubleToInt64Bits), loaded[1].Value.ToArray<double>().Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(c.ToArray<long>(), loaded[2].Value.ToArray<long>());
            Assert.Equal(d.ToArray<byte>(), loaded[3].Value.ToArray<byte>());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ModuleSaveLoadRestoresParameters()
    {
        using var scope = TorchScope.Enter();
        using var g1 = new Generator(1);
        using var g2 = new Generator(2);
        using var source = new Sequential(new Linear(3, 4, generator: g1), new Tanh(), new Linear(4, 2, generator: g1));
        using var target = new Sequential(new Linear(3, 4, generator: g2), new Tanh(), new Linear(4, 2, generator: g2));
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], source.NamedParameters().Select(p => p.Key));
        string path = Path.Combine(Path.GetTempPath(), $"simtorch-{Guid.NewGuid():N}.pt");
        try
        {
            source.Save(path);
            target.Load(path);
            var x = Tensor.Randn([5, 3], g1);
            Assert.Equal(source.Forward(x).ToArray<float>(), target.Forward(x).ToArray<float>());
            using var other = new Sequential(new Linear(3, 5, generator: g2));
            var e = Assert.Throws<SimInputException>(() => other.Load(path));
            Assert.Contains("0.weight", e.Message);
            Assert.Contains(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void GarbageFileIsAnInputError()
    {
        string path = Path.Combine(Path.GetTempPath(), $"simtorch-{Guid.NewGuid():N}.pt");
        File.WriteAllText(path, "not a pickle");
        try
        {
            var e = Assert.Throws<SimInputException>(() => TensorArchive.Load(path));
            Assert.Contains(path, e.Message);
            Assert.Equal(2, e.ExitCode);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
