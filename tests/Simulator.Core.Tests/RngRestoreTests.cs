using Simulator.Core;

namespace Simulator.Core.Tests;

public class RngRestoreTests
{
    [Fact]
    public void A_restored_stream_continues_exactly_including_a_pending_gaussian()
    {
        var a = Rng.Create(5, RngStream.Autopilot, 2);
        a.NextUInt64();
        a.NextGaussian(); // leaves the pair's second value pending
        var copy = new Rng(123);
        copy.NextGaussian();
        var (hasSpare, spare) = a.GaussianSpare;
        Assert.True(hasSpare);
        copy.Restore(a.State, hasSpare, spare);
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(a.NextGaussian()), BitConverter.DoubleToInt64Bits(copy.NextGaussian()));
            Assert.Equal(a.NextUInt64(), copy.NextUInt64());
        }
        Assert.Throws<ArgumentException>(() => copy.Restore((0, 0, 0, 0), false, 0));
    }
}
