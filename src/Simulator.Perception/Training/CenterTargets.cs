using Simulator.Perception.Data;

namespace Simulator.Perception.Training;

/// <summary>
/// CenterNet training targets of one image at the model's stride: per class a heatmap with a Gaussian peak (value
/// exactly 1) at each box's centre cell, radius from the box size (CenterNet's <c>gaussian_radius</c> with minimum
/// overlap 0.7, σ = diameter / 6), and at each centre cell the box size (w, h pixels), the sub-cell centre offset
/// and a mask of 1. Buffers are the caller's (one image's slice of a batch).
/// </summary>
public static class CenterTargets
{
    public const float MinOverlap = 0.7f;

    /// <param name="heatmap">[classes, gh, gw], cleared here.</param>
    /// <param name="size">[2, gh, gw], cleared here.</param>
    /// <param name="offset">[2, gh, gw], cleared here.</param>
    /// <param name="mask">[gh, gw], cleared here.</param>
    /// <param name="flipWidth">When &gt; 0, boxes are mirrored horizontally in an image of this width first.</param>
    /// <returns>The number of centres written.</returns>
    public static int Build(ReadOnlySpan<GtBox> boxes, int stride, int gridW, int gridH, float flipWidth,
        Span<float> heatmap, Span<float> size, Span<float> offset, Span<float> mask)
    {
        heatmap.Clear();
        size.Clear();
        offset.Clear();
        mask.Clear();
        int plane = gridW * gridH;
        int centres = 0;
        foreach (GtBox b in boxes)
        {
            float x0 = flipWidth > 0 ? flipWidth - b.X1 : b.X0, x1 = flipWidth > 0 ? flipWidth - b.X0 : b.X1;
            float cx = (x0 + x1) / 2 / stride, cy = (b.Y0 + b.Y1) / 2 / stride;
            int ix = (int)MathF.Floor(cx), iy = (int)MathF.Floor(cy);
            if (ix < 0 || iy < 0 || ix >= gridW || iy >= gridH)
            {
                continue;
            }
            float w = x1 - x0, h = b.Y1 - b.Y0;
            int radius = Math.Max(0, (int)GaussianRadius(h / stride, w / stride, MinOverlap));
            DrawGaussian(heatmap.Slice((int)b.Class * plane, plane), gridW, gridH, ix, iy, radius);
            int cell = iy * gridW + ix;
            size[cell] = w;
            size[plane + cell] = h;
            offset[cell] = cx - ix;
            offset[plane + cell] = cy - iy;
            mask[cell] = 1;
            centres++;
        }
        return centres;
    }

    /// <summary>CenterNet's radius: the largest corner shift that keeps IoU ≥ <paramref name="minOverlap"/>.</summary>
    public static float GaussianRadius(float height, float width, float minOverlap)
    {
        float a1 = 1, b1 = height + width, c1 = width * height * (1 - minOverlap) / (1 + minOverlap);
        float r1 = (b1 + MathF.Sqrt(b1 * b1 - 4 * a1 * c1)) / 2;
        float a2 = 4, b2 = 2 * (height + width), c2 = (1 - minOverlap) * width * height;
        float r2 = (b2 + MathF.Sqrt(b2 * b2 - 4 * a2 * c2)) / 2;
        float a3 = 4 * minOverlap, b3 = -2 * minOverlap * (height + width), c3 = (minOverlap - 1) * width * height;
        float r3 = (b3 + MathF.Sqrt(b3 * b3 - 4 * a3 * c3)) / 2;
        return MathF.Min(r1, MathF.Min(r2, r3));
    }

    private static void DrawGaussian(Span<float> map, int gridW, int gridH, int cx, int cy, int radius)
    {
        float sigma = (2 * radius + 1) / 6f;
        float twoSigma2 = 2 * sigma * sigma;
        for (int y = Math.Max(0, cy - radius); y <= Math.Min(gridH - 1, cy + radius); y++)
        {
            for (int x = Math.Max(0, cx - radius); x <= Math.Min(gridW - 1, cx + radius); x++)
            {
                int dx = x - cx, dy = y - cy;
                float v = MathF.Exp(-(dx * dx + dy * dy) / twoSigma2);
                ref float cell = ref map[y * gridW + x];
                cell = MathF.Max(cell, v);
            }
        }
    }
}
