using Simulator.Core;

namespace Simulator.Core.Tests;

public class StateHasherTests
{
    private static ulong Hash(ReadOnlySpan<ulong> values)
    {
        var h = new StateHasher();
        foreach (ulong v in values)
        {
            h.Add(v);
        }
        return h.Value;
    }

    [Fact]
    public void Every_bit_of_every_value_and_the_order_change_the_hash()
    {
        var rng = new Random(5);
        var values = new ulong[37];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (ulong)rng.NextInt64();
        }
        ulong reference = Hash(values);
        var seen = new HashSet<ulong> { reference };
        for (int i = 0; i < values.Length; i++)
        {
            for (int bit = 0; bit < 64; bit++)
            {
                values[i] ^= 1UL << bit;
                Assert.True(seen.Add(Hash(values)), $"flipping bit {bit} of value {i} gave a hash already seen");
                values[i] ^= 1UL << bit;
            }
        }
        for (int i = 0; i + 1 < values.Length; i++)
        {
            (values[i], values[i + 1]) = (values[i + 1], values[i]);
            Assert.NotEqual(reference, Hash(values));
            (values[i], values[i + 1]) = (values[i + 1], values[i]);
        }
        Assert.Equal(reference, Hash(values));
        // A trailing zero is still a value: lengths differ, hashes differ.
        Assert.NotEqual(Hash([1, 2, 3]), Hash([1, 2, 3, 0]));
        Assert.NotEqual(Hash([]), Hash([0]));
    }

    [Fact]
    public void Strings_hash_by_content_and_length()
    {
        static ulong Of(string s)
        {
            var h = new StateHasher();
            h.Add(s);
            return h.Value;
        }
        Assert.Equal(Of("traffic-12"), Of("traffic-" + 12));
        Assert.NotEqual(Of("traffic-12"), Of("traffic-21"));
        Assert.NotEqual(Of("ab"), Of("ab\0"));
        Assert.NotEqual(Of(""), Of("a"));
    }
}
