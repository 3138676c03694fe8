using Simulator.Core;

namespace Simulator.Physics;

/// <summary>
/// Narrow-phase tests by the separating axis theorem. Each returns true when the shapes overlap or touch and gives
/// the minimum translation as a <see cref="Contact"/> whose normal points from the first shape to the second.
/// Allocation-free; ties between axes go to the first axis tested, so results are deterministic.
/// </summary>
public static class Collide
{
    /// <summary>OBB against OBB: axes are the four box axes.</summary>
    public static bool ObbObb(in Obb a, in Obb b, out Contact contact)
    {
        Vec2 d = b.Center - a.Center;
        double best = double.PositiveInfinity;
        Vec2 bestAxis = default;
        int bestIndex = -1;
        for (int i = 0; i < 4; i++)
        {
            Vec2 n = i switch { 0 => a.AxisX, 1 => a.AxisY, 2 => b.AxisX, _ => b.AxisY };
            double dist = Vec2.Dot(d, n);
            double overlap = a.Radius(n) + b.Radius(n) - Math.Abs(dist);
            if (overlap < 0)
            {
                contact = default;
                return false;
            }
            if (overlap < best)
            {
                best = overlap;
                bestAxis = dist >= 0 ? n : -n;
                bestIndex = i;
            }
        }
        // Reference face on A: B's deepest point is its support towards A; on B: A's support towards B.
        Vec2 point = bestIndex < 2 ? b.Support(-bestAxis) : a.Support(bestAxis);
        contact = new Contact(bestAxis, best, point);
        return true;
    }

    /// <summary>Segment against OBB: axes are the box axes and the segment normal. Normal points from segment to box.</summary>
    public static bool SegmentObb(in Segment a, in Obb b, out Contact contact)
    {
        double best = double.PositiveInfinity;
        Vec2 bestAxis = default;
        int bestIndex = -1;
        Vec2 mid = 0.5 * (a.A + a.B);
        for (int i = 0; i < 3; i++)
        {
            Vec2 n = i switch { 0 => b.AxisX, 1 => b.AxisY, _ => a.Normal };
            double pa = Vec2.Dot(a.A, n), pb = Vec2.Dot(a.B, n);
            double segMin = Math.Min(pa, pb), segMax = Math.Max(pa, pb);
            double c = Vec2.Dot(b.Center, n), r = b.Radius(n);
            if (segMax < c - r || c + r < segMin)
            {
                contact = default;
                return false;
            }
            // Push the box the way its centre already lies from the segment's middle.
            bool positive = c >= Vec2.Dot(mid, n);
            double overlap = positive ? segMax - (c - r) : (c + r) - segMin;
            if (overlap < best)
            {
                best = overlap;
                bestAxis = positive ? n : -n;
                bestIndex = i;
            }
        }
        Vec2 point;
        if (bestIndex == 2)
        {
            point = b.Support(-bestAxis);
        }
        else
        {
            // The segment's end that reaches deepest into the box; its point nearest the box centre on a tie.
            double da = Vec2.Dot(a.A, bestAxis), db = Vec2.Dot(a.B, bestAxis);
            point = Math.Abs(da - db) <= 1e-9 ? a.ClosestPoint(b.Center) : (da > db ? a.A : a.B);
        }
        contact = new Contact(bestAxis, Math.Max(best, 0), point);
        return true;
    }

    /// <summary>OBB against circle. Normal points from box to circle.</summary>
    public static bool ObbCircle(in Obb a, in Circle b, out Contact contact)
    {
        Vec2 d = b.Center - a.Center;
        double lx = Vec2.Dot(d, a.AxisX), ly = Vec2.Dot(d, a.AxisY);
        double hx = a.HalfExtents.X, hy = a.HalfExtents.Y;
        double cx = Math.Clamp(lx, -hx, hx), cy = Math.Clamp(ly, -hy, hy);
        if (cx != lx || cy != ly)
        {
            Vec2 closest = a.Center + a.AxisX * cx + a.AxisY * cy;
            Vec2 diff = b.Center - closest;
            double dist = diff.Length;
            if (dist > b.Radius)
            {
                contact = default;
                return false;
            }
            contact = new Contact(diff / dist, b.Radius - dist, closest);
            return true;
        }
        // Centre inside the box: leave through the nearest face.
        double gapX = hx - Math.Abs(lx), gapY = hy - Math.Abs(ly);
        if (gapX <= gapY)
        {
            Vec2 n = lx >= 0 ? a.AxisX : -a.AxisX;
            contact = new Contact(n, b.Radius + gapX, b.Center + n * gapX);
        }
        else
        {
            Vec2 n = ly >= 0 ? a.AxisY : -a.AxisY;
            contact = new Contact(n, b.Radius + gapY, b.Center + n * gapY);
        }
        return true;
    }

    /// <summary>Circle against circle. Normal points from A to B (+x when the centres coincide).</summary>
    public static bool CircleCircle(in Circle a, in Circle b, out Contact contact)
    {
        Vec2 d = b.Center - a.Center;
        double dist = d.Length, sum = a.Radius + b.Radius;
        if (dist > sum)
        {
            contact = default;
            return false;
        }
        Vec2 n = dist > 0 ? d / dist : Vec2.UnitX;
        double depth = sum - dist;
        contact = new Contact(n, depth, a.Center + n * (a.Radius - 0.5 * depth));
        return true;
    }

    /// <summary>Segment against circle. Normal points from the segment to the circle.</summary>
    public static bool SegmentCircle(in Segment a, in Circle b, out Contact contact)
    {
        Vec2 q = a.ClosestPoint(b.Center);
        Vec2 d = b.Center - q;
        double dist = d.Length;
        if (dist > b.Radius)
        {
            contact = default;
            return false;
        }
        Vec2 n = dist > 1e-12 ? d / dist : a.Normal;
        contact = new Contact(n, b.Radius - dist, q);
        return true;
    }

    /// <summary>Any pair of shapes; normal from <paramref name="a"/> to <paramref name="b"/>. Two segments never collide.</summary>
    public static bool Shapes(in CollisionShape a, in CollisionShape b, out Contact contact)
    {
        bool hit;
        switch (a.Type, b.Type)
        {
            case (ShapeType.Obb, ShapeType.Obb):
                return ObbObb(a.Obb, b.Obb, out contact);
            case (ShapeType.Obb, ShapeType.Circle):
                return ObbCircle(a.Obb, b.Circle, out contact);
            case (ShapeType.Circle, ShapeType.Obb):
                hit = ObbCircle(b.Obb, a.Circle, out contact);
                break;
            case (ShapeType.Circle, ShapeType.Circle):
                return CircleCircle(a.Circle, b.Circle, out contact);
            case (ShapeType.Segment, ShapeType.Obb):
                return SegmentObb(a.Segment, b.Obb, out contact);
            case (ShapeType.Obb, ShapeType.Segment):
                hit = SegmentObb(b.Segment, a.Obb, out contact);
                break;
            case (ShapeType.Segment, ShapeType.Circle):
                return SegmentCircle(a.Segment, b.Circle, out contact);
            case (ShapeType.Circle, ShapeType.Segment):
                hit = SegmentCircle(b.Segment, a.Circle, out contact);
                break;
            default:
                contact = default;
                return false;
        }
        contact = contact.Flipped;
        return hit;
    }
}
