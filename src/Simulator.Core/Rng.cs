using System.Runtime.CompilerServices;

namespace Simulator.Core;

/// <summary>
/// Deterministic random stream (xoshiro256**, seeded through SplitMix64). Every subsystem and env owns its own
/// stream derived from (seed, stream id, env index), so adding draws in one subsystem never shifts another.
/// Not thread-safe: one owner per stream.
/// </summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareGaussian;
    private bool _hasSpare;

    public Rng(ulong seed) => Reseed(seed);

    /// <summary>A stream for one subsystem of one env: independent of every other (seed, stream, env) triple.</summary>
    public static Rng Create(ulong seed, RngStream stream, int envIndex = 0) => new(Derive(seed, (ulong)stream, (ulong)envIndex));

    /// <summary>Mixes a seed with stream and index into a new 64-bit seed (SplitMix64 finaliser chain).</summary>
    public static ulong Derive(ulong seed, ulong stream, ulong index = 0)
    {
        ulong x = seed;
        x = Mix(x + 0x9E3779B97F4A7C15UL * (stream + 1));
        x = Mix(x ^ (0xD1B54A32D192ED03UL * (index + 1)));
        return x;
    }

    public void Reseed(ulong seed)
    {
        ulong sm = seed;
        _s0 = SplitMix(ref sm);
        _s1 = SplitMix(ref sm);
        _s2 = SplitMix(ref sm);
        _s3 = SplitMix(ref sm);
        _hasSpare = false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = RotL(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotL(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Range(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Uniform integer in [0, n).</summary>
    public int NextInt(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        return (int)((NextUInt64() >> 33) * (ulong)n >> 31);
    }

    public int Range(int minInclusive, int maxExclusive) => minInclusive + NextInt(maxExclusive - minInclusive);

    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Standard normal (Marsaglia polar method; deterministic, no transcendental except log/sqrt).</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareGaussian;
        }
        double u, v, s;
        do
        {
            u = NextDouble() * 2 - 1;
            v = NextDouble() * 2 - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);
        double m = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * m;
        _hasSpare = true;
        return u * m;
    }

    /// <summary>Full state, for checkpoints and recordings.</summary>
    public (ulong, ulong, ulong, ulong) State => (_s0, _s1, _s2, _s3);

    /// <summary>The second normal of the last polar-method pair, kept for the next <see cref="NextGaussian"/> (part of the full state).</summary>
    public (bool HasSpare, double Spare) GaussianSpare => (_hasSpare, _spareGaussian);

    /// <summary>Restores a full state taken from <see cref="State"/> and <see cref="GaussianSpare"/> (checkpoints).</summary>
    public void Restore((ulong, ulong, ulong, ulong) state, bool hasSpare, double spare)
    {
        var (s0, s1, s2, s3) = state;
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("an all-zero xoshiro state never leaves zero; it cannot come from a seeded stream", nameof(state));
        }
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
        _hasSpare = hasSpare;
        _spareGaussian = hasSpare ? spare : 0;
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        return Mix(x);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RotL(ulong x, int k) => (x << k) | (x >> (64 - k));
}

/// <summary>Stream ids of the subsystems that draw random numbers. Never renumber: recordings depend on them.</summary>
public enum RngStream : ulong
{
    TrackGeneration = 1,
    Spawn = 2,
    Traffic = 3,
    Pedestrians = 4,
    DomainRandomization = 5,
    SensorNoise = 6,
    Policy = 7,
    Training = 8,
    Autopilot = 9,
    Custom = 100,
}
