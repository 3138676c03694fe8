using Simulator.Driving.Snapshots;

namespace Simulator.Viewer.Training;

/// <summary>One watched env at one instant: its camera frame (RGB8, may be empty), counters and world snapshot.</summary>
public sealed class EnvTile
{
    private byte[] _rgb = [];

    public int EnvIndex { get; internal set; }
    public long Episode { get; internal set; }
    public long Step { get; internal set; }
    public double ReturnSoFar { get; internal set; }
    /// <summary>Fraction of the current lap in [0, 1] (NaN when the env reports no laps).</summary>
    public double LapProgress { get; internal set; } = double.NaN;
    public int Laps { get; internal set; }
    public int Width { get; internal set; }
    public int Height { get; internal set; }

    /// <summary>Height × Width × 3 bytes, row-major (empty without camera frames).</summary>
    public ReadOnlySpan<byte> Rgb => _rgb.AsSpan(0, Width * Height * 3);

    /// <summary>A copy of the env's world snapshot (Driving envs only; null otherwise).</summary>
    public WorldSnapshot? Snapshot { get; internal set; }

    internal Span<byte> SetImage(int width, int height)
    {
        int bytes = width * height * 3;
        if (_rgb.Length < bytes)
        {
            _rgb = new byte[bytes];
        }
        (Width, Height) = (width, height);
        return _rgb.AsSpan(0, bytes);
    }
}

/// <summary>The watched envs at one instant (what the env grid draws).</summary>
public sealed class EnvTileSet
{
    private readonly EnvTile[] _tiles;

    public EnvTileSet(int capacity)
    {
        _tiles = new EnvTile[capacity];
        for (int i = 0; i < capacity; i++)
        {
            _tiles[i] = new EnvTile();
        }
    }

    public int Count { get; internal set; }

    public ReadOnlySpan<EnvTile> Tiles => _tiles.AsSpan(0, Count);

    /// <summary>Total env steps of the run when these were copied.</summary>
    public long TotalSteps { get; internal set; }

    /// <summary>Bumped by every publish.</summary>
    public long Version { get; internal set; }

    internal EnvTile this[int index] => _tiles[index];
}
