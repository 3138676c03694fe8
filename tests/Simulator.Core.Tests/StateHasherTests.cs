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

    /// <summary>The hash as defined, written out plainly: recordings keep per-step hashes, so any faster version of
    /// <see cref="StateHasher"/> must give exactly these values or old recordings stop verifying.</summary>
    private static ulong OneAtATime(ReadOnlySpan<ulong> values)
    {
        const ulong m = 0x9E3779B97F4A7C15UL, m2 = 0xD6E8FEB86659FD93UL;
        ulong a = 0, b = 0, c = 0, d = 0;
        foreach (ulong v in values)
        {
            ulong x = (a ^ v ^ m) * m;
            (a, b, c, d) = (b, c, d, (x ^ (x >> 32)) * m2);
        }
        static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 33)) * 0xFF51AFD7ED558CCDUL;
            z = (z ^ (z >> 33)) * 0xC4CEB9FE1A85EC53UL;
            return z ^ (z >> 33);
        }
        ulong z = Mix(a) ^ ulong.RotateLeft(Mix(b), 16) ^ ulong.RotateLeft(Mix(c), 32) ^ ulong.RotateLeft(Mix(d), 48) ^ (ulong)values.Length * m2;
        return Mix(z);
    }

    [Fact]
    public void The_hash_keeps_its_definition_at_every_length_and_reading_it_changes_nothing()
    {
        var rng = new Random(11);
        var values = new ulong[70];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (ulong)rng.NextInt64();
        }
        var h = new StateHasher();
        for (int n = 0; n <= values.Length; n++)
        {
            Assert.Equal(OneAtATime(values.AsSpan(0, n)), h.Value);
            Assert.Equal(h.Value, h.Value);
            if (n < values.Length)
            {
                h.Add(values[n]);
            }
        }
        // Spans of any length, at any offset of the four lanes, give the same hash as the values one by one.
        for (int chunk = 1; chunk <= 11; chunk++)
        {
            var spans = new StateHasher();
            spans.Add(values[0]);
            for (int i = 1; i < values.Length; i += chunk)
            {
                spans.Add(values.AsSpan(i, Math.Min(chunk, values.Length - i)));
            }
            Assert.Equal(OneAtATime(values), spans.Value);
        }
    }
}
