using Simulator.Core;

namespace Simulator.Tracks;

/// <summary>Uniform grid over points (counting sort into cells): neighbour queries within one cell size.</summary>
internal sealed class PointGrid
{
    private const int MaxCells = 1 << 22;
    private readonly double _minX, _minY, _cell;
    private readonly int _nx, _ny;
    private readonly int[] _start, _items;

    public PointGrid(Vec2[] points, double cellSize)
    {
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (Vec2 p in points)
        {
            minX = Math.Min(minX, p.X);
            minY = Math.Min(minY, p.Y);
            maxX = Math.Max(maxX, p.X);
            maxY = Math.Max(maxY, p.Y);
        }
        double cell = cellSize;
        while (((maxX - minX) / cell + 1) * ((maxY - minY) / cell + 1) > MaxCells)
        {
            cell *= 2;
        }
        _minX = minX;
        _minY = minY;
        _cell = cell;
        _nx = (int)((maxX - minX) / cell) + 1;
        _ny = (int)((maxY - minY) / cell) + 1;
        _start = new int[_nx * _ny + 1];
        _items = new int[points.Length];
        var cellOf = new int[points.Length];
        for (int i = 0; i < points.Length; i++)
        {
            cellOf[i] = CellX(points[i].X) + _nx * CellY(points[i].Y);
            _start[cellOf[i] + 1]++;
        }
        for (int c = 0; c < _nx * _ny; c++)
        {
            _start[c + 1] += _start[c];
        }
        var fill = (int[])_start.Clone();
        for (int i = 0; i < points.Length; i++)
        {
            _items[fill[cellOf[i]]++] = i;
        }
    }

    /// <summary>Range of cells that can hold points within one cell size of p.</summary>
    public void Neighbours(Vec2 p, out int x0, out int x1, out int y0, out int y1)
    {
        int cx = CellX(p.X), cy = CellY(p.Y);
        x0 = Math.Max(0, cx - 1);
        x1 = Math.Min(_nx - 1, cx + 1);
        y0 = Math.Max(0, cy - 1);
        y1 = Math.Min(_ny - 1, cy + 1);
    }

    public ReadOnlySpan<int> Cell(int cx, int cy)
    {
        int c = cx + _nx * cy;
        return _items.AsSpan(_start[c], _start[c + 1] - _start[c]);
    }

    private int CellX(double x) => Math.Clamp((int)((x - _minX) / _cell), 0, _nx - 1);
    private int CellY(double y) => Math.Clamp((int)((y - _minY) / _cell), 0, _ny - 1);
}
