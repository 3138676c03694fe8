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

    /// <summary>The hash as defined, written out plainly: XXH3-64 (seed 0) of the values' little-endian bytes.
    /// Recordings keep per-step hashes, so any faster version of <see cref="StateHasher"/> must give exactly these
    /// values or recordings stop verifying.</summary>
    private static ulong Reference(ReadOnlySpan<ulong> values)
    {
        var bytes = new byte[8 * values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8 * i), values[i]);
        }
        return System.IO.Hashing.XxHash3.HashToUInt64(bytes);
    }

    [Fact]
    public void The_hash_keeps_its_definition_at_every_length_and_reading_it_changes_nothing()
    {
        var rng = new Random(11);
        var values = new ulong[300];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (ulong)rng.NextInt64();
        }
        // A default hasher grows its buffer as values come; one given a small buffer grows it and hands it back.
        var h = new StateHasher();
        var small = new StateHasher(new ulong[3]);
        for (int n = 0; n <= values.Length; n++)
        {
            Assert.Equal(Reference(values.AsSpan(0, n)), h.Value);
            Assert.Equal(h.Value, h.Value);
            Assert.Equal(h.Value, small.Value);
            Assert.Equal(n, h.Count);
            if (n < values.Length)
            {
                h.Add(values[n]);
                small.Add(values[n]);
            }
        }
        Assert.True(small.Buffer!.Length >= values.Length);
        // Spans and in-place writes of any length, at any offset, give the same hash as the values one by one.
        for (int chunk = 1; chunk <= 11; chunk++)
        {
            var spans = new StateHasher(new ulong[5]);
            var inPlace = new StateHasher();
            spans.Add(values[0]);
            inPlace.Add(values[0]);
            for (int i = 1; i < values.Length; i += chunk)
            {
                var part = values.AsSpan(i, Math.Min(chunk, values.Length - i));
                spans.Add(part);
                part.CopyTo(inPlace.Next(part.Length));
            }
            Assert.Equal(Reference(values), spans.Value);
            Assert.Equal(Reference(values), inPlace.Value);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => new StateHasher().Next(-1));
        Assert.Throws<ArgumentNullException>(() => new StateHasher(null!));
    }
}
