using Simulator.Core;

namespace Simulator.Physics;

/// <summary>
/// Simple rigid-body response for vehicles: positional correction (push apart a share of the penetration beyond a
/// small slop) plus one velocity impulse at the contact point with restitution and Coulomb friction. Statics have
/// infinite mass. Degenerate input (non-finite normal, depth or point) leaves the states untouched, and any
/// non-finite outcome is rolled back, so the response never produces NaN.
/// </summary>
public static class CollisionResponse
{
    /// <summary>Penetration left uncorrected (m) so resting contacts do not jitter.</summary>
    public const double Slop = 0.005;
    /// <summary>Share of the remaining penetration removed per call.</summary>
    public const double CorrectionShare = 0.8;

    /// <summary>
    /// Resolves a contact between two vehicles; <paramref name="contact"/>'s normal points from <paramref name="a"/>
    /// to <paramref name="b"/> (as in <see cref="ContactEvent"/> when A is the lower id). Returns the normal impulse (N·s).
    /// </summary>
    public static double ResolveVehicles(ref VehicleState a, in VehicleParams pa, ref VehicleState b, in VehicleParams pb,
        in Contact contact, double restitution = 0.2, double friction = 0.5) =>
        Resolve(ref a, 1 / pa.Mass, 1 / pa.YawInertia, ref b, 1 / pb.Mass, 1 / pb.YawInertia, contact, restitution, friction);

    /// <summary>
    /// Resolves a contact between a vehicle and an immovable body; <paramref name="normalTowardsVehicle"/> points from
    /// the obstacle to the vehicle (<see cref="ContactEvent.NormalTowards"/>). Returns the normal impulse (N·s).
    /// </summary>
    public static double ResolveAgainstStatic(ref VehicleState v, in VehicleParams p, Vec2 normalTowardsVehicle, double depth,
        Vec2 point, double restitution = 0.2, double friction = 0.5)
    {
        VehicleState wall = default;
        return Resolve(ref wall, 0, 0, ref v, 1 / p.Mass, 1 / p.YawInertia, new Contact(normalTowardsVehicle, depth, point),
            restitution, friction);
    }

    private static double Resolve(ref VehicleState a, double invMa, double invIa, ref VehicleState b, double invMb, double invIb,
        in Contact c, double restitution, double friction)
    {
        double nl = c.Normal.Length;
        double totalInvMass = invMa + invMb;
        if (!(nl > 0.5 && nl < 2) || !double.IsFinite(c.Depth) || !c.Point.IsFinite || !(totalInvMass > 0))
        {
            return 0;
        }
        Vec2 n = c.Normal / nl;
        restitution = double.IsFinite(restitution) ? Math.Clamp(restitution, 0, 1) : 0;
        friction = double.IsFinite(friction) ? Math.Max(friction, 0) : 0;
        VehicleState a0 = a, b0 = b;

        double correction = Math.Max(c.Depth - Slop, 0) * CorrectionShare / totalInvMass;
        a.X -= n.X * correction * invMa;
        a.Y -= n.Y * correction * invMa;
        b.X += n.X * correction * invMb;
        b.Y += n.Y * correction * invMb;

        Vec2 ra = c.Point - a.Position, rb = c.Point - b.Position;
        Vec2 va = a.WorldVelocity, vb = b.WorldVelocity;
        double wa = a.YawRate, wb = b.YawRate;
        Vec2 rel = vb + wb * rb.PerpLeft - (va + wa * ra.PerpLeft);
        double vn = Vec2.Dot(rel, n);
        if (vn >= 0)
        {
            return 0; // already separating: position correction only
        }
        double ran = Vec2.Cross(ra, n), rbn = Vec2.Cross(rb, n);
        double k = totalInvMass + ran * ran * invIa + rbn * rbn * invIb;
        double j = -(1 + restitution) * vn / k;
        Apply(n * j, ra, rb, invMa, invIa, invMb, invIb, ref va, ref wa, ref vb, ref wb);

        rel = vb + wb * rb.PerpLeft - (va + wa * ra.PerpLeft);
        Vec2 t = rel - Vec2.Dot(rel, n) * n;
        double tl = t.Length;
        if (tl > 1e-9)
        {
            t /= tl;
            double rat = Vec2.Cross(ra, t), rbt = Vec2.Cross(rb, t);
            double kt = totalInvMass + rat * rat * invIa + rbt * rbt * invIb;
            double jt = Math.Clamp(-Vec2.Dot(rel, t) / kt, -friction * j, friction * j);
            Apply(t * jt, ra, rb, invMa, invIa, invMb, invIb, ref va, ref wa, ref vb, ref wb);
        }

        if (invMa > 0)
        {
            a.SetWorldVelocity(va);
            a.YawRate = wa;
        }
        if (invMb > 0)
        {
            b.SetWorldVelocity(vb);
            b.YawRate = wb;
        }
        if (!a.IsFinite || !b.IsFinite)
        {
            a = a0;
            b = b0;
            return 0;
        }
        return j;
    }

    private static void Apply(Vec2 impulse, Vec2 ra, Vec2 rb, double invMa, double invIa, double invMb, double invIb,
        ref Vec2 va, ref double wa, ref Vec2 vb, ref double wb)
    {
        va -= impulse * invMa;
        wa -= Vec2.Cross(ra, impulse) * invIa;
        vb += impulse * invMb;
        wb += Vec2.Cross(rb, impulse) * invIb;
    }
}
