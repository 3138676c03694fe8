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

/// <summary>Orders contacts by (BodyA, BodyB): the deterministic order of <see cref="CollisionWorld.DetectContacts"/>.</summary>
internal readonly struct ContactOrder : IComparer<ContactEvent>
{
    public int Compare(ContactEvent x, ContactEvent y)
    {
        int c = x.BodyA.CompareTo(y.BodyA);
        return c != 0 ? c : x.BodyB.CompareTo(y.BodyB);
    }
}
