using Simulator.Perception.Data;

namespace Simulator.Perception.Decoding;

/// <summary>
/// Turns the object model's outputs for one image into boxes: heatmap peaks (a cell equal to the maximum of its 3×3
/// neighbourhood, as CenterNet's max-pool), score threshold, top-K, boxes from the size and offset maps at the peak,
/// then class-wise non-maximum suppression. Holds its scratch buffers, so decoding into a caller's span allocates
/// nothing; one instance per thread.
/// </summary>
public sealed class ObjectDecoder
{
    private readonly ObjectDecoderOptions _options;
    private readonly int _classes, _gridW, _gridH, _stride, _imageW, _imageH;
    private readonly Candidate[] _candidates;
    private readonly DetectedBox[] _boxes;
    private readonly bool[] _suppressed;
    private int _candidateCount;

    /// <param name="imageWidth">Input image width (pixels); the grid is width / stride.</param>
    public ObjectDecoder(int imageWidth, int imageHeight, int stride = 4, int classes = PerceptionClasses.ObjectClassCount, ObjectDecoderOptions? options = null)
    {
        _options = options ?? new ObjectDecoderOptions();
        _options.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        if (imageWidth % stride != 0 || imageHeight % stride != 0)
        {
            throw new ArgumentException($"image {imageWidth}×{imageHeight} is not a multiple of the stride {stride}");
        }
        _imageW = imageWidth;
        _imageH = imageHeight;
        _stride = stride;
        _gridW = imageWidth / stride;
        _gridH = imageHeight / stride;
        _classes = classes;
        _candidates = new Candidate[_classes * _gridW * _gridH];
        _boxes = new DetectedBox[_options.TopK];
        _suppressed = new bool[_options.TopK];
    }

    public int GridWidth => _gridW;
    public int GridHeight => _gridH;
    public int MaxDetections => _options.TopK;

    /// <summary>Decodes one image: <paramref name="heatmap"/> [classes, gh, gw] probabilities, <paramref name="size"/>
    /// [2, gh, gw] (w, h pixels), <paramref name="offset"/> [2, gh, gw] (cells). Writes the kept boxes (highest score
    /// first) into <paramref name="into"/> (at least <see cref="MaxDetections"/> long) and returns their count.</summary>
    public int Decode(ReadOnlySpan<float> heatmap, ReadOnlySpan<float> size, ReadOnlySpan<float> offset, Span<DetectedBox> into)
    {
        int plane = _gridW * _gridH;
        if (heatmap.Length != _classes * plane || size.Length != 2 * plane || offset.Length != 2 * plane)
        {
            throw new ArgumentException($"expected heatmap {_classes}×{_gridH}×{_gridW}, size and offset 2×{_gridH}×{_gridW}; got {heatmap.Length}, {size.Length}, {offset.Length} values");
        }
        FindPeaks(heatmap);
        int k = Math.Min(_candidateCount, _options.TopK);
        Span<Candidate> top = _candidates.AsSpan(0, _candidateCount);
        top.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Index.CompareTo(b.Index));
        for (int i = 0; i < k; i++)
        {
            Candidate c = top[i];
            int cell = c.Index % plane;
            int gx = cell % _gridW, gy = cell / _gridW;
            float cx = (gx + offset[cell]) * _stride, cy = (gy + offset[plane + cell]) * _stride;
            float w = Math.Max(size[cell], 0f), h = Math.Max(size[plane + cell], 0f);
            _boxes[i] = new DetectedBox((ObjectClass)(c.Index / plane),
                Math.Clamp(cx - w / 2, 0, _imageW), Math.Clamp(cy - h / 2, 0, _imageH),
                Math.Clamp(cx + w / 2, 0, _imageW), Math.Clamp(cy + h / 2, 0, _imageH), c.Score);
        }
        return Suppress(k, into);
    }

    /// <summary>Decodes one image into a new array (convenience; allocates).</summary>
    public DetectedBox[] Decode(ReadOnlySpan<float> heatmap, ReadOnlySpan<float> size, ReadOnlySpan<float> offset)
    {
        var buffer = new DetectedBox[_options.TopK];
        int n = Decode(heatmap, size, offset, buffer);
        return buffer.AsSpan(0, n).ToArray();
    }

    private void FindPeaks(ReadOnlySpan<float> heatmap)
    {
        int plane = _gridW * _gridH;
        float threshold = _options.ScoreThreshold;
        _candidateCount = 0;
        for (int c = 0; c < _classes; c++)
        {
            ReadOnlySpan<float> map = heatmap.Slice(c * plane, plane);
            for (int y = 0; y < _gridH; y++)
            {
                for (int x = 0; x < _gridW; x++)
                {
                    float v = map[y * _gridW + x];
                    if (v >= threshold && v > 0 && IsLocalMax(map, x, y, v))
                    {
                        _candidates[_candidateCount++] = new Candidate(c * plane + y * _gridW + x, v);
                    }
                }
            }
        }
    }

    private bool IsLocalMax(ReadOnlySpan<float> map, int x, int y, float v)
    {
        int y0 = Math.Max(y - 1, 0), y1 = Math.Min(y + 1, _gridH - 1);
        int x0 = Math.Max(x - 1, 0), x1 = Math.Min(x + 1, _gridW - 1);
        for (int yy = y0; yy <= y1; yy++)
        {
            for (int xx = x0; xx <= x1; xx++)
            {
                if (map[yy * _gridW + xx] > v)
                {
                    return false;
                }
            }
        }
        return true;
    }

    // Greedy class-wise NMS over boxes already sorted by score.
    private int Suppress(int count, Span<DetectedBox> into)
    {
        if (into.Length < count)
        {
            throw new ArgumentException($"output span holds {into.Length} boxes; needs {MaxDetections}", nameof(into));
        }
        Array.Clear(_suppressed);
        int kept = 0;
        for (int i = 0; i < count; i++)
        {
            if (_suppressed[i])
            {
                continue;
            }
            DetectedBox a = _boxes[i];
            into[kept++] = a;
            for (int j = i + 1; j < count; j++)
            {
                if (!_suppressed[j] && _boxes[j].Class == a.Class && Iou(a, _boxes[j]) > _options.NmsIou)
                {
                    _suppressed[j] = true;
                }
            }
        }
        return kept;
    }

    /// <summary>Intersection over union of two boxes (0 when either is empty).</summary>
    public static float Iou(in DetectedBox a, in DetectedBox b)
    {
        float iw = Math.Min(a.X1, b.X1) - Math.Max(a.X0, b.X0);
        float ih = Math.Min(a.Y1, b.Y1) - Math.Max(a.Y0, b.Y0);
        if (iw <= 0 || ih <= 0)
        {
            return 0;
        }
        float inter = iw * ih;
        float union = a.Width * a.Height + b.Width * b.Height - inter;
        return union > 0 ? inter / union : 0;
    }

    private readonly record struct Candidate(int Index, float Score);
}
