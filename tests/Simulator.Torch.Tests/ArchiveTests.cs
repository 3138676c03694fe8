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
    public void Crc32HasTheStandardCheckValue()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(Crc32.Compute("123456789"u8), Crc32.Append(Crc32.Compute("1234"u8), "56789"u8));
    }

    [Fact]
    public void DamagedOrTruncatedArchivesAreRejectedNamingFileAndEntry()
    {
        using var scope = TorchScope.Enter();
        var weights = Tensor.FromArray(new float[] { 1, 2, 3, 4 }, 4);
        byte[] bytes = TensorArchive.Serialize([new("w", weights)]);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, TensorArchive.Deserialize(bytes, "ok.pt")[0].Value.ToArray<float>());
        // The four floats are stored as they are: find them and change one byte of the third.
        int at = bytes.AsSpan().IndexOf(System.Runtime.InteropServices.MemoryMarshal.AsBytes(new float[] { 1, 2, 3, 4 }.AsSpan()));
        Assert.True(at > 0);
        byte[] damaged = (byte[])bytes.Clone();
        damaged[at + 11] ^= 0x7F;
        var e = Assert.Throws<SimInputException>(() => TensorArchive.Deserialize(damaged, "model.pt"));
        Assert.StartsWith("model.pt: corrupt archive: entry '", e.Message, StringComparison.Ordinal);
        Assert.Contains("/data/0' fails its CRC-32 check", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<SimInputException>(() => TensorArchive.Deserialize(bytes.AsSpan(0, bytes.Length - 1), "model.pt"));
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<SimInputException>(() => TensorArchive.Deserialize([], "model.pt"));
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryByteChangeLoadsIdenticallyOrIsRejected()
    {
        using var scope = TorchScope.Enter();
        var weights = Tensor.FromArray(new float[] { 1, 2, 3, 4 }, 4);
        byte[] bytes = TensorArchive.Serialize([new("w", weights)]);
        // Every byte (local headers and their padding, data, central directory, zip64 and end records): the high
        // bit, the low bit and all bits of each, so huge offsets and sizes come up too.
        for (int at = 0; at < bytes.Length; at++)
        {
            foreach (byte flip in new byte[] { 0x01, 0x80, 0xFF })
            {
                byte[] damaged = (byte[])bytes.Clone();
                damaged[at] ^= flip;
                try
                {
                    using var inner = TorchScope.Enter();
                    var loaded = TensorArchive.Deserialize(damaged, "m.pt");
                    Assert.Equal("w", Assert.Single(loaded).Key);
                    Assert.True(new float[] { 1, 2, 3, 4 }.AsSpan().SequenceEqual(loaded[0].Value.ToArray<float>()), $"byte {at} of {bytes.Length} ^ {flip:x2} loads other values");
                }
                catch (SimInputException e)
                {
                    Assert.StartsWith("m.pt: ", e.Message, StringComparison.Ordinal);
                    Assert.DoesNotContain('\n', e.Message);
                }
            }
        }
    }

    [Fact]
    public void NonFiniteParametersAreRejectedAndNothingIsCopied()
    {
        using var scope = TorchScope.Enter();
        using var g = new Generator(1);
        using var layer = new Linear(2, 2, generator: g);
        float[] before = layer.NamedParameters()[0].Value.ToArray<float>();
        var state = layer.NamedParameters().Select(p => new KeyValuePair<string, Tensor>(p.Key, Tensor.Zeros(p.Value.Shape))).ToList();
        state[1].Value.Fill(double.PositiveInfinity);
        var e = Assert.Throws<SimInputException>(() => layer.LoadStateDict(state, "m.pt"));
        Assert.Equal("m.pt: parameter 'bias' holds +infinity at element 0 of [2] (the model is damaged or its training diverged: use another checkpoint)", e.Message);
        Assert.Equal(before, layer.NamedParameters()[0].Value.ToArray<float>());
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
