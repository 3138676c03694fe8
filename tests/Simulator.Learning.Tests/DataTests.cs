using Simulator.Core;
using Simulator.Learning.Data;

namespace Simulator.Learning.Tests;

public class DataTests
{
    [Fact]
    public void HwcToChw()
    {
        byte[] hwc = [1, 2, 3, 4, 5, 6, 7, 8]; // 1×... : H=2, W=2, C=2
        byte[] chw = new byte[8];
        FrameStacker.HwcToChw(hwc, chw, 2, 2, 2);
        Assert.Equal(new byte[] { 1, 3, 5, 7, 2, 4, 6, 8 }, chw);
    }

    [Fact]
    public void FrameStackShiftsAndRefillsOnEpisodeStart()
    {
        var stacker = new FrameStacker(numEnvs: 2, channels: 1, height: 1, width: 2, stack: 3);
        stacker.Reset([1, 1, 9, 9]);
        Assert.Equal(new byte[] { 1, 1, 1, 1, 1, 1, 9, 9, 9, 9, 9, 9 }, stacker.Stacked);
        stacker.Push([2, 2, 8, 8], [false, false]);
        Assert.Equal(new byte[] { 1, 1, 1, 1, 2, 2, 9, 9, 9, 9, 8, 8 }, stacker.Stacked);
        stacker.Push([3, 3, 5, 5], [false, true]);
        Assert.Equal(new byte[] { 1, 1, 2, 2, 3, 3, 5, 5, 5, 5, 5, 5 }, stacker.Stacked);
    }

    [Fact]
    public void RandomShiftMovesWithEdgeRepeat()
    {
        byte[] src = [1, 2, 3, 4, 5, 6, 7, 8, 9]; // 3×3
        byte[] dst = new byte[9];
        RandomShift.Shift(src, dst, 1, 3, 3, dx: 1, dy: 0);
        Assert.Equal(new byte[] { 2, 3, 3, 5, 6, 6, 8, 9, 9 }, dst);
        RandomShift.Shift(src, dst, 1, 3, 3, dx: 0, dy: -1);
        Assert.Equal(new byte[] { 1, 2, 3, 1, 2, 3, 4, 5, 6 }, dst);
        var many = new byte[9 * 50];
        var outMany = new byte[9 * 50];
        for (int i = 0; i < 50; i++)
        {
            src.CopyTo(many, i * 9);
        }
        RandomShift.Apply(many, outMany, 50, 1, 3, 3, 1, new Rng(3));
        // With pad 1 the centre pixel always comes from the 3×3 neighbourhood, and not every image is unshifted.
        Assert.Contains(outMany.Where((_, i) => i % 9 == 4), v => v != 5);
        Assert.All(outMany, v => Assert.InRange(v, (byte)1, (byte)9));
    }
}
