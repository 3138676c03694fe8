namespace Simulator.Rendering.Vulkan;

/// <summary>
/// 2D boxes from the instance-id image: per instance the bounds and count of its visible pixels, so occlusion is
/// taken into account. Works in the slot's preallocated arrays (no allocation per frame).
/// </summary>
internal static unsafe class BoxExtractor
{
    public static void Extract(ReadbackTarget slot, int envCount, int pixels, int width, int boxesPerEnv)
    {
        var ids = (uint*)(slot.Buffer.Pointer + slot.InstanceOffset);
        for (int e = 0; e < envCount; e++)
        {
            int baseIndex = e * boxesPerEnv;
            int candidates = slot.BoxCandidateCounts[e];
            Span<VisibleBox> boxes = slot.Boxes.AsSpan(baseIndex, boxesPerEnv);
            for (int c = 0; c < candidates; c++)
            {
                boxes[c] = new VisibleBox
                {
                    InstanceId = slot.BoxIds[baseIndex + c],
                    Class = slot.BoxClasses[baseIndex + c],
                    MinX = int.MaxValue,
                    MinY = int.MaxValue,
                    MaxX = -1,
                    MaxY = -1,
                };
            }
            uint* image = ids + (long)e * pixels;
            uint lastId = 0;
            int lastIndex = -1;
            for (int p = 0; p < pixels; p++)
            {
                uint id = image[p];
                if (id == 0)
                {
                    continue;
                }
                if (id != lastId)
                {
                    lastId = id;
                    lastIndex = -1;
                    for (int c = 0; c < candidates; c++)
                    {
                        if (boxes[c].InstanceId == id)
                        {
                            lastIndex = c;
                            break;
                        }
                    }
                }
                if (lastIndex < 0)
                {
                    continue;
                }
                ref VisibleBox b = ref boxes[lastIndex];
                int x = p % width, y = p / width;
                b.MinX = Math.Min(b.MinX, x);
                b.MaxX = Math.Max(b.MaxX, x);
                b.MinY = Math.Min(b.MinY, y);
                b.MaxY = Math.Max(b.MaxY, y);
                b.PixelCount++;
            }
            // Keep only visible instances, in input order.
            int kept = 0;
            for (int c = 0; c < candidates; c++)
            {
                if (boxes[c].PixelCount > 0)
                {
                    boxes[kept++] = boxes[c];
                }
            }
            slot.BoxCounts[e] = kept;
        }
    }
}
