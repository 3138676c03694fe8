namespace Simulator.Physics;

public sealed partial class CollisionWorld
{
    /// <summary>Cells beyond this count make the grid coarser instead of using more memory.</summary>
    private const long MaxCells = 1 << 20;

    private double _cellSize;
    private int[] _staticIds = new int[64];
    private int _staticCount;
    private bool _gridBuilt;
    private double _gridMinX, _gridMinY;
    private int _cols, _rows;
    private int[] _cellStart = [0];
    private int[] _cellItems = [];
    private int[] _visitStamp = [];
    private int _stamp;
    private int[] _candidates = [];

    public bool IsStaticGridBuilt => _gridBuilt;

    private void AddStaticIndex(int id)
    {
        if (_staticCount == _staticIds.Length)
        {
            Array.Resize(ref _staticIds, _staticCount * 2);
        }
        _staticIds[_staticCount++] = id;
    }

    /// <summary>Indexes the static shapes in a uniform grid (compressed rows: cell → ids in ascending order). Once.</summary>
    public void BuildStaticGrid()
    {
        if (_gridBuilt)
        {
            throw new InvalidOperationException("the static grid is already built");
        }
        _gridBuilt = true;
        _visitStamp = new int[_count + 1];
        _candidates = new int[Math.Max(_staticCount, 1)];
        if (_staticCount == 0)
        {
            return;
        }
        Aabb all = _bounds[_staticIds[0]];
        for (int i = 1; i < _staticCount; i++)
        {
            all = all.Union(_bounds[_staticIds[i]]);
        }
        _gridMinX = all.MinX;
        _gridMinY = all.MinY;
        while (true)
        {
            _cols = (int)Math.Min(int.MaxValue / 2, Math.Floor((all.MaxX - all.MinX) / _cellSize) + 1);
            _rows = (int)Math.Min(int.MaxValue / 2, Math.Floor((all.MaxY - all.MinY) / _cellSize) + 1);
            if ((long)_cols * _rows <= MaxCells)
            {
                break;
            }
            _cellSize *= 2;
        }
        // Two passes (count, then fill) so the cell lists sit in one array; ids go in ascending order per cell.
        int cells = _cols * _rows;
        _cellStart = new int[cells + 1];
        for (int i = 0; i < _staticCount; i++)
        {
            CellRange(_bounds[_staticIds[i]], out int x0, out int y0, out int x1, out int y1);
            for (int y = y0; y <= y1; y++)
            {
                for (int x = x0; x <= x1; x++)
                {
                    _cellStart[y * _cols + x + 1]++;
                }
            }
        }
        for (int c = 0; c < cells; c++)
        {
            _cellStart[c + 1] += _cellStart[c];
        }
        _cellItems = new int[_cellStart[cells]];
        int[] fill = new int[cells];
        for (int i = 0; i < _staticCount; i++)
        {
            int id = _staticIds[i];
            CellRange(_bounds[id], out int x0, out int y0, out int x1, out int y1);
            for (int y = y0; y <= y1; y++)
            {
                for (int x = x0; x <= x1; x++)
                {
                    int c = y * _cols + x;
                    _cellItems[_cellStart[c] + fill[c]++] = id;
                }
            }
        }
    }

    /// <summary>
    /// Ids of the static bodies whose bounds overlap <paramref name="box"/>, ascending, written into
    /// <paramref name="ids"/> (which must hold <see cref="StaticCount"/>); returns how many. Allocation-free.
    /// </summary>
    public int QueryStatic(in Aabb box, Span<int> ids)
    {
        if (!_gridBuilt)
        {
            BuildStaticGrid();
        }
        int n = QueryStaticCandidates(box);
        _candidates.AsSpan(0, n).CopyTo(ids);
        return n;
    }

    private int QueryStaticCandidates(in Aabb box)
    {
        if (_staticCount == 0 || !box.IsFinite)
        {
            return 0;
        }
        if (box.MaxX < _gridMinX || box.MaxY < _gridMinY
            || box.MinX > _gridMinX + _cols * _cellSize || box.MinY > _gridMinY + _rows * _cellSize)
        {
            return 0;
        }
        if (++_stamp == int.MaxValue)
        {
            Array.Clear(_visitStamp);
            _stamp = 1;
        }
        CellRange(box, out int x0, out int y0, out int x1, out int y1);
        int n = 0;
        for (int y = y0; y <= y1; y++)
        {
            for (int x = x0; x <= x1; x++)
            {
                int c = y * _cols + x;
                for (int k = _cellStart[c]; k < _cellStart[c + 1]; k++)
                {
                    int id = _cellItems[k];
                    if (_visitStamp[id] != _stamp)
                    {
                        _visitStamp[id] = _stamp;
                        if (_bounds[id].Overlaps(box))
                        {
                            _candidates[n++] = id;
                        }
                    }
                }
            }
        }
        _candidates.AsSpan(0, n).Sort();
        return n;
    }

    private void CellRange(in Aabb b, out int x0, out int y0, out int x1, out int y1)
    {
        x0 = Cell(b.MinX - _gridMinX, _cols);
        y0 = Cell(b.MinY - _gridMinY, _rows);
        x1 = Cell(b.MaxX - _gridMinX, _cols);
        y1 = Cell(b.MaxY - _gridMinY, _rows);
    }

    private int Cell(double offset, int count) => (int)Math.Clamp(Math.Floor(offset / _cellSize), 0, count - 1);
}
