namespace Simulator.Physics;

/// <summary>
/// Driver command for one step. Steer in [−1, 1] is a fraction of <see cref="VehicleParams.MaxSteerAngle"/>
/// (positive steers left); Throttle and Brake in [0, 1]. There is no reverse gear.
/// </summary>
public struct VehicleControl
{
    public double Steer;
    public double Throttle;
    public double Brake;

    public VehicleControl(double steer, double throttle, double brake)
    {
        Steer = steer;
        Throttle = throttle;
        Brake = brake;
    }

    /// <summary>
    /// The sanitising rule every model applies before using a command: NaN becomes 0; +∞/−∞ and finite values
    /// outside the range are clamped to the nearest bound (Steer to [−1, 1], Throttle and Brake to [0, 1]).
    /// What was fixed is reported in <paramref name="issues"/> so the env can count or penalise it.
    /// </summary>
    public readonly VehicleControl Sanitized(out ControlIssues issues)
    {
        issues = ControlIssues.None;
        return new VehicleControl(
            Clean(Steer, -1, ref issues),
            Clean(Throttle, 0, ref issues),
            Clean(Brake, 0, ref issues));
    }

    private static double Clean(double v, double low, ref ControlIssues issues)
    {
        if (double.IsNaN(v))
        {
            issues |= ControlIssues.NaN;
            return 0;
        }
        if (double.IsInfinity(v))
        {
            issues |= ControlIssues.Infinity;
            return v > 0 ? 1 : low;
        }
        if (v > 1)
        {
            issues |= ControlIssues.OutOfRange;
            return 1;
        }
        if (v < low)
        {
            issues |= ControlIssues.OutOfRange;
            return low;
        }
        return v;
    }

    public override readonly string ToString() =>
        FormattableString.Invariant($"steer={Steer:0.###} throttle={Throttle:0.###} brake={Brake:0.###}");
}

/// <summary>What <see cref="VehicleControl.Sanitized"/> had to fix in a command (any field).</summary>
[Flags]
public enum ControlIssues
{
    None = 0,
    NaN = 1,
    Infinity = 2,
    OutOfRange = 4,
}
