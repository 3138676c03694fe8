using Simulator.Perception.Data;

namespace Simulator.Perception.Loop;

/// <summary>
/// A perception result as a fixed-length agent observation (appended to the env's vector observation when a policy
/// uses perception): the ego's lane from the fitted lines, then the <see cref="Objects"/> nearest detected objects
/// (largest bottom edge first, i.e. closest on flat ground). All values are scaled to about [-1, 1]; absent entries
/// are zeros with their "present" flag 0.
/// <list type="number">
/// <item>lane: valid (0/1), lateral offset from the lane centre / 2 m, heading error (rad), lane width / 4 m;</item>
/// <item>per object: present (0/1), class / 4, box centre x (-1 left .. 1 right), bottom y / H, width / W, height / H.</item>
/// </list>
/// </summary>
public static class PerceptionFeatures
{
    public const int Objects = 4;
    public const int LaneValues = 4;
    public const int ObjectValues = 6;
    public const int Size = LaneValues + Objects * ObjectValues;

    public static void Write(PerceptionResult result, int width, int height, Span<float> into)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (into.Length < Size)
        {
            throw new ArgumentException($"perception features need {Size} values, got {into.Length}", nameof(into));
        }
        into[..Size].Clear();
        var lane = result.Lane;
        if (result.HasLanes && lane.Valid)
        {
            into[0] = 1;
            into[1] = Math.Clamp(lane.LateralOffset / 2f, -2, 2);
            into[2] = Math.Clamp(lane.HeadingError, -1.5f, 1.5f);
            into[3] = Math.Clamp(lane.LaneWidth / 4f, 0, 2);
        }
        if (!result.HasObjects)
        {
            return;
        }
        // Closest first: pick the largest bottom edges without sorting the result (at most Objects passes).
        ReadOnlySpan<DetectedBox> d = result.Detections;
        Span<bool> taken = stackalloc bool[d.Length];
        for (int k = 0; k < Objects; k++)
        {
            int best = -1;
            for (int i = 0; i < d.Length; i++)
            {
                if (!taken[i] && (best < 0 || d[i].Y1 > d[best].Y1 || (d[i].Y1 == d[best].Y1 && d[i].Score > d[best].Score)))
                {
                    best = i;
                }
            }
            if (best < 0)
            {
                break;
            }
            taken[best] = true;
            DetectedBox b = d[best];
            Span<float> o = into.Slice(LaneValues + k * ObjectValues, ObjectValues);
            o[0] = 1;
            o[1] = (float)b.Class / 4f;
            o[2] = (b.X0 + b.X1) / width - 1;
            o[3] = b.Y1 / height;
            o[4] = b.Width / width;
            o[5] = b.Height / height;
        }
    }
}
