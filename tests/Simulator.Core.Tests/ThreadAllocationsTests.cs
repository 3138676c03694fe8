using Simulator.Core;

namespace Simulator.Core.Tests;

public class ThreadAllocationsTests
{
    private static object? s_sink;

    [Fact]
    public void Code_that_allocates_every_run_is_counted_after_every_attempt()
    {
        (long bytes, int runs) = ThreadAllocations.Smallest(() => s_sink = new byte[1000]);
        Assert.InRange(bytes, 1000, 1100);
        Assert.Equal(3, runs);
    }

    [Fact]
    public void Code_that_allocates_nothing_stops_after_one_run()
    {
        int calls = 0;
        (long bytes, int runs) = ThreadAllocations.Smallest(() => calls++);
        Assert.Equal(0, bytes);
        Assert.Equal(1, runs);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void A_one_off_allocation_is_not_counted()
    {
        int calls = 0;
        (long bytes, int runs) = ThreadAllocations.Smallest(() =>
        {
            if (calls++ == 0)
            {
                s_sink = new byte[8000];
            }
        });
        Assert.Equal(0, bytes);
        Assert.Equal(2, runs);
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => ThreadAllocations.Smallest(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => ThreadAllocations.Smallest(() => { }, 0));
    }
}
