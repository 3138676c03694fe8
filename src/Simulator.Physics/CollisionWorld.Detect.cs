using Simulator.Core;

namespace Simulator.Physics;

public sealed partial class CollisionWorld
{
    /// <summary>
    /// Finds every contact between active dynamic bodies and between active dynamic and static bodies, sorted by
    /// (BodyA, BodyB), and copies as many as fit into <paramref name="results"/>. Returns the number written;
    /// <see cref="LastContactCount"/> tells whether some did not fit (those dropped are always the last in order).
    /// </summary>
    public int DetectContacts(Span<ContactEvent> results)
    {
        if (!_gridBuilt)
        {
            BuildStaticGrid();
        }
        _foundCount = 0;
        DetectDynamicPairs();
        for (int i = 0; i < _dynamicCount; i++)
        {
            int id = _dynamicIds[i];
            if (_active[id])
            {
                DetectAgainstStatics(id);
            }
        }
        var found = _found.AsSpan(0, _foundCount);
        ContactOrder.Sort(found);
        int n = Math.Min(_foundCount, results.Length);
        found[..n].CopyTo(results);
        return n;
    }

    /// <summary>Sort and sweep along x; the order persists between steps so insertion sort runs in near-linear time.</summary>
    private void DetectDynamicPairs()
    {
        int[] order = _sweep;
        for (int i = 1; i < _dynamicCount; i++)
        {
            int id = order[i];
            int j = i - 1;
            while (j >= 0 && SweepBefore(id, order[j]))
            {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = id;
        }
        for (int i = 0; i < _dynamicCount; i++)
        {
            int a = order[i];
            if (!_active[a])
            {
                continue;
            }
            double maxX = _bounds[a].MaxX;
            for (int j = i + 1; j < _dynamicCount; j++)
            {
                int b = order[j];
                if (_bounds[b].MinX > maxX)
                {
                    break;
                }
                if (_active[b] && _bounds[a].Overlaps(_bounds[b]))
                {
                    TestPair(Math.Min(a, b), Math.Max(a, b));
                }
            }
        }
    }

    private bool SweepBefore(int a, int b)
    {
        double ma = _bounds[a].MinX, mb = _bounds[b].MinX;
        return ma < mb || (ma == mb && a < b);
    }

    private void DetectAgainstStatics(int id)
    {
        int n = QueryStaticCandidates(_bounds[id]);
        for (int k = 0; k < n; k++)
        {
            int s = _candidates[k];
            if (_active[s])
            {
                TestPair(Math.Min(id, s), Math.Max(id, s));
            }
        }
    }

    private void TestPair(int a, int b)
    {
        if (!Collide.Shapes(_shapes[a], _shapes[b], out Contact c))
        {
            return;
        }
        Vec2 va = PointVelocity(a, c.Point), vb = PointVelocity(b, c.Point);
        Vec2 rel = va - vb;
        if (_foundCount == _found.Length)
        {
            Array.Resize(ref _found, _found.Length * 2); // grows to the scene's worst case once, then never again
        }
        _found[_foundCount++] = new ContactEvent(a, b, _kinds[a], _kinds[b], c, rel.Length, Vec2.Dot(rel, c.Normal));
    }

    private Vec2 PointVelocity(int id, Vec2 point)
    {
        if (_isStatic[id])
        {
            return Vec2.Zero;
        }
        Vec2 r = point - _shapes[id].Center;
        return _velocity[id] + _angularVelocity[id] * r.PerpLeft;
    }
}
