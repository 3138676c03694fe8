using System.Runtime.CompilerServices;

namespace Simulator.Core;

/// <summary>
/// Order-sensitive 64-bit hash of simulation state (FNV-1a over the exact bits of each value), used to prove
/// that two runs are bit-identical.
/// </summary>
public struct StateHasher
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;
    private ulong _h;
    private bool _started;

    public readonly ulong Value => _started ? _h : Offset;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ulong bits)
    {
        if (!_started)
        {
            _h = Offset;
            _started = true;
        }
        for (int i = 0; i < 8; i++)
        {
            _h ^= (bits >> (i * 8)) & 0xFF;
            _h *= Prime;
        }
    }

    public void Add(double v) => Add((ulong)BitConverter.DoubleToInt64Bits(v));
    public void Add(float v) => Add((ulong)(uint)BitConverter.SingleToInt32Bits(v));
    public void Add(long v) => Add((ulong)v);
    public void Add(int v) => Add((ulong)(uint)v);
    public void Add(bool v) => Add(v ? 1UL : 0UL);
    public void Add(Vec2 v)
    {
        Add(v.X);
        Add(v.Y);
    }

    public override readonly string ToString() => Value.ToString("x16");
}
