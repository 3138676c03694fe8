using Simulator.Core;
using Simulator.Tracks;

namespace Simulator.Driving.Sensors;

/// <summary>
/// Ray casts against the two road edges of a track: edge polylines in a uniform grid walked cell by cell along the
/// ray (Amanatides–Woo). Built once per compiled scene and shared read-only by every env.
/// </summary>
public sealed class EdgeRaycaster
{
    private const double CellSize = 5.0;
    private readonly Vec2[] _a;
    private readonly Vec2[] _b;
    private readonly int[] _cellStart;
    private readonly int[] _cellItems;
    private readonly double _minX, _minY;
    private readonly int _nx, _ny;

    public EdgeRaycaster(Track track, double spacing = 2.0)
    {
        int n = Math.Max(8, (int)Math.Ceiling(track.Length / spacing));
        double half = track.Layout.HalfRoadWidth;
        _a = new Vec2[2 * n];
        _b = new Vec2[2 * n];
        for (int side = 0; side < 2; side++)
        {
            double lat = side == 0 ? half : -half;
            for (int i = 0; i < n; i++)
            {
                _a[side * n + i] = track.ToWorld(track.Length * i / n, lat);
                _b[side * n + i] = track.ToWorld(track.Length * (i + 1) / n, lat);
            }
        }
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var p in _a)
        {
            minX = Math.Min(minX, p.X);
            minY = Math.Min(minY, p.Y);
            maxX = Math.Max(maxX, p.X);
            maxY = Math.Max(maxY, p.Y);
        }
        _minX = minX - CellSize;
        _minY = minY - CellSize;
        _nx = (int)((maxX - _minX) / CellSize) + 2;
        _ny = (int)((maxY - _minY) / CellSize) + 2;
        (_cellStart, _cellItems) = BuildGrid();
    }

    private (int[] Start, int[] Items) BuildGrid()
    {
        var counts = new int[_nx * _ny + 1];
        ForEachCell((cell, _) => counts[cell + 1]++);
        for (int i = 1; i < counts.Length; i++)
        {
            counts[i] += counts[i - 1];
        }
        var items = new int[counts[^1]];
        var fill = (int[])counts.Clone();
        ForEachCell((cell, seg) => items[fill[cell]++] = seg);
        return (counts, items);
    }

    private void ForEachCell(Action<int, int> visit)
    {
        for (int s = 0; s < _a.Length; s++)
        {
            int x0 = CellX(Math.Min(_a[s].X, _b[s].X)), x1 = CellX(Math.Max(_a[s].X, _b[s].X));
            int y0 = CellY(Math.Min(_a[s].Y, _b[s].Y)), y1 = CellY(Math.Max(_a[s].Y, _b[s].Y));
            for (int y = y0; y <= y1; y++)
            {
                for (int x = x0; x <= x1; x++)
                {
                    visit(y * _nx + x, s);
                }
            }
        }
    }

    private int CellX(double x) => Math.Clamp((int)((x - _minX) / CellSize), 0, _nx - 1);
    private int CellY(double y) => Math.Clamp((int)((y - _minY) / CellSize), 0, _ny - 1);

    /// <summary>Distance along the unit direction <paramref name="dir"/> to the first road edge, or <paramref name="range"/>.</summary>
    public double Cast(Vec2 origin, Vec2 dir, double range)
    {
        int cx = CellX(origin.X), cy = CellY(origin.Y);
        int stepX = dir.X >= 0 ? 1 : -1, stepY = dir.Y >= 0 ? 1 : -1;
        double nextX = _minX + (cx + (stepX > 0 ? 1 : 0)) * CellSize;
        double nextY = _minY + (cy + (stepY > 0 ? 1 : 0)) * CellSize;
        double tMaxX = Math.Abs(dir.X) < 1e-12 ? double.MaxValue : (nextX - origin.X) / dir.X;
        double tMaxY = Math.Abs(dir.Y) < 1e-12 ? double.MaxValue : (nextY - origin.Y) / dir.Y;
        double tDeltaX = Math.Abs(dir.X) < 1e-12 ? double.MaxValue : CellSize / Math.Abs(dir.X);
        double tDeltaY = Math.Abs(dir.Y) < 1e-12 ? double.MaxValue : CellSize / Math.Abs(dir.Y);
        double best = range;
        double tCell = 0;
        while (tCell <= best)
        {
            int cell = cy * _nx + cx;
            for (int k = _cellStart[cell]; k < _cellStart[cell + 1]; k++)
            {
                int s = _cellItems[k];
                double t = RaySegment(origin, dir, _a[s], _b[s]);
                if (t < best)
                {
                    best = t;
                }
            }
            if (tMaxX < tMaxY)
            {
                tCell = tMaxX;
                tMaxX += tDeltaX;
                cx += stepX;
            }
            else
            {
                tCell = tMaxY;
                tMaxY += tDeltaY;
                cy += stepY;
            }
            if ((uint)cx >= (uint)_nx || (uint)cy >= (uint)_ny)
            {
                break;
            }
        }
        return best;
    }

    /// <summary>Ray parameter where the ray meets segment ab, or +∞.</summary>
    public static double RaySegment(Vec2 o, Vec2 d, Vec2 a, Vec2 b)
    {
        var e = b - a;
        double denom = Vec2.Cross(d, e);
        if (Math.Abs(denom) < 1e-12)
        {
            return double.PositiveInfinity;
        }
        var ao = a - o;
        double t = Vec2.Cross(ao, e) / denom;
        double u = Vec2.Cross(ao, d) / denom;
        return t >= 0 && u >= 0 && u <= 1 ? t : double.PositiveInfinity;
    }

    /// <summary>Ray parameter where the ray enters an oriented box, or +∞ (0 when the origin is inside).</summary>
    public static double RayBox(Vec2 o, Vec2 d, Pose2 box, Vec2 half)
    {
        var lo = box.ToLocal(o);
        var ld = d.Rotate(-box.Heading);
        double tMin = 0, tMax = double.PositiveInfinity;
        if (!Slab(lo.X, ld.X, half.X, ref tMin, ref tMax) || !Slab(lo.Y, ld.Y, half.Y, ref tMin, ref tMax))
        {
            return double.PositiveInfinity;
        }
        return tMin;
    }

    private static bool Slab(double o, double d, double h, ref double tMin, ref double tMax)
    {
        if (Math.Abs(d) < 1e-12)
        {
            return Math.Abs(o) <= h;
        }
        double t1 = (-h - o) / d, t2 = (h - o) / d;
        if (t1 > t2)
        {
            (t1, t2) = (t2, t1);
        }
        tMin = Math.Max(tMin, t1);
        tMax = Math.Min(tMax, t2);
        return tMin <= tMax;
    }
}
