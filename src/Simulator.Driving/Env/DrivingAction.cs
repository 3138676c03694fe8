namespace Simulator.Driving.Env;

/// <summary>
/// Continuous action: <c>Steer</c> in [-1, 1] (+1 = full left) and <c>Accel</c> in [-1, 1] (+ throttle fraction,
/// − brake fraction).
/// </summary>
/// <remarks>
/// Sanitising rule (documented contract, applied before anything touches the state): a NaN component becomes 0
/// (coast straight), ±infinity and finite out-of-range values are clamped to [-1, 1]. The step info reports
/// <see cref="EnvInfo.ActionSanitized"/> so trainers can count or penalise bad actions; state is never corrupted.
/// </remarks>
public readonly record struct DrivingAction(float Steer, float Accel)
{
    public const int Size = 2;

    public static DrivingAction Sanitize(float steer, float accel, out bool changed)
    {
        float s = Clean(steer), a = Clean(accel);
        changed = BitConverter.SingleToInt32Bits(s) != BitConverter.SingleToInt32Bits(steer)
            || BitConverter.SingleToInt32Bits(a) != BitConverter.SingleToInt32Bits(accel);
        return new DrivingAction(s, a);
    }

    private static float Clean(float v) => float.IsNaN(v) ? 0f : Math.Clamp(v, -1f, 1f);

    public float Throttle => Accel > 0 ? Accel : 0;
    public float Brake => Accel < 0 ? -Accel : 0;
}

/// <summary>
/// The optional discrete action set: index = steerIndex * 3 + accelIndex with steer ∈ {−1, −0.5, 0, 0.5, 1} and
/// accel ∈ {−1 brake, 0 coast, +1 throttle}: 15 actions.
/// </summary>
public static class DiscreteActions
{
    private static readonly float[] s_steer = [-1f, -0.5f, 0f, 0.5f, 1f];
    private static readonly float[] s_accel = [-1f, 0f, 1f];

    public static int Count => s_steer.Length * s_accel.Length;

    /// <summary>Maps a discrete index to its continuous action; an index out of range is rejected.</summary>
    public static DrivingAction ToContinuous(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"discrete action must be in [0, {Count - 1}]");
        }
        return new DrivingAction(s_steer[index / s_accel.Length], s_accel[index % s_accel.Length]);
    }
}
