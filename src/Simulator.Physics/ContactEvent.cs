using Simulator.Core;

namespace Simulator.Physics;

/// <summary>
/// One contact found by <see cref="CollisionWorld.DetectContacts"/>: bodies A &lt; B by id, their kinds, the geometric
/// contact (normal from A to B) and the speeds that rate its severity.
/// </summary>
public readonly record struct ContactEvent(int BodyA, int BodyB, BodyKind KindA, BodyKind KindB, Contact Contact,
    double RelativeSpeed, double ClosingSpeed)
{
    /// <summary>Unit normal pointing towards <paramref name="bodyId"/> (the way to push it out), from the other body.</summary>
    public Vec2 NormalTowards(int bodyId) => bodyId == BodyB ? Contact.Normal : -Contact.Normal;

    /// <summary>The other body of the pair.</summary>
    public int Other(int bodyId) => bodyId == BodyA ? BodyB : BodyA;

    public bool Involves(int bodyId) => BodyA == bodyId || BodyB == bodyId;
}

/// <summary>
/// Sorts contacts by (BodyA, BodyB), the deterministic order of <see cref="CollisionWorld.DetectContacts"/>.
/// A heap sort of our own: the BCL's span sort with a comparer allocates a delegate on every call.
/// </summary>
internal static class ContactOrder
{
    public static void Sort(Span<ContactEvent> items)
    {
        int n = items.Length;
        for (int i = n / 2 - 1; i >= 0; i--)
        {
            SiftDown(items, i, n);
        }
        for (int end = n - 1; end > 0; end--)
        {
            (items[0], items[end]) = (items[end], items[0]);
            SiftDown(items, 0, end);
        }
    }

    private static void SiftDown(Span<ContactEvent> items, int root, int n)
    {
        while (true)
        {
            int child = 2 * root + 1;
            if (child >= n)
            {
                return;
            }
            if (child + 1 < n && Key(items[child + 1]) > Key(items[child]))
            {
                child++;
            }
            if (Key(items[root]) >= Key(items[child]))
            {
                return;
            }
            (items[root], items[child]) = (items[child], items[root]);
            root = child;
        }
    }

    private static long Key(in ContactEvent e) => ((long)e.BodyA << 32) | (uint)e.BodyB;
}
