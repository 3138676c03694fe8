using Simulator.Perception.Data;

namespace Simulator.Perception.Metrics;

/// <summary>Intersection over union of axis-aligned boxes [x0, x1) × [y0, y1) in pixels.</summary>
public static class BoxIou
{
    public static float Of(float ax0, float ay0, float ax1, float ay1, float bx0, float by0, float bx1, float by1)
    {
        float iw = Math.Min(ax1, bx1) - Math.Max(ax0, bx0);
        float ih = Math.Min(ay1, by1) - Math.Max(ay0, by0);
        if (iw <= 0 || ih <= 0)
        {
            return 0;
        }
        float inter = iw * ih;
        float union = Math.Max(0, ax1 - ax0) * Math.Max(0, ay1 - ay0) + Math.Max(0, bx1 - bx0) * Math.Max(0, by1 - by0) - inter;
        return union > 0 ? inter / union : 0;
    }

    public static float Of(in GtBox a, in DetectedBox b) => Of(a.X0, a.Y0, a.X1, a.Y1, b.X0, b.Y0, b.X1, b.Y1);

    public static float Of(in DetectedBox a, in DetectedBox b) => Of(a.X0, a.Y0, a.X1, a.Y1, b.X0, b.Y0, b.X1, b.Y1);

    public static float Of(in GtBox a, in GtBox b) => Of(a.X0, a.Y0, a.X1, a.Y1, b.X0, b.Y0, b.X1, b.Y1);
}
