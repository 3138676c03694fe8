using Simulator.Perception.Data;

namespace Simulator.Perception.Decoding;

/// <summary>
/// Fits lane lines to the lane model's output for one image: per-pixel argmax, then marking pixels scanned row by
/// row from the bottom up; each row's marking runs (their centres) are linked to the open line whose column,
/// extrapolated along its recent slope, is nearest (within a tolerance that grows with the rows skipped, so dashes
/// link up); each line with enough rows gets a least-squares x(y) polynomial (2nd order, 1st when it spans few
/// rows), sampled into image points and projected onto the ground (<see cref="GroundCamera"/>) as vehicle points.
/// Lines are numbered from the right (id 0 = rightmost at the car). Scratch buffers are held, so only the result
/// arrays are allocated; one instance per thread.
/// </summary>
public sealed partial class LaneDecoder
{
    private readonly int _width, _height;
    private readonly GroundCamera? _camera;
    private readonly LaneDecoderOptions _options;
    private readonly byte[] _classes;
    private readonly Track[] _tracks;
    private readonly bool[] _claimed;
    private int _trackCount;

    public LaneDecoder(int width, int height, GroundCamera? camera = null, LaneDecoderOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 2);
        if (camera is { } c && (c.Width != width || c.Height != height))
        {
            throw new ArgumentException($"camera image {c.Width}×{c.Height} differs from the decoder's {width}×{height}");
        }
        _options = options ?? new LaneDecoderOptions();
        _options.Validate();
        _width = width;
        _height = height;
        _camera = camera;
        _classes = new byte[width * height];
        // Every row can start at most width/2 runs; bound the open lines by a generous fixed number.
        _tracks = new Track[64];
        for (int i = 0; i < _tracks.Length; i++)
        {
            _tracks[i] = new Track(height);
        }
        _claimed = new bool[_tracks.Length];
    }

    /// <summary>The per-pixel classes of the last <see cref="Decode(ReadOnlySpan{float})"/> (H×W <see cref="LaneClass"/>).</summary>
    public ReadOnlySpan<byte> Classes => _classes;

    /// <summary>Lines from lane logits [3, H, W] (channel-major, one image).</summary>
    public FittedLane[] Decode(ReadOnlySpan<float> logits)
    {
        int plane = _width * _height;
        if (logits.Length != PerceptionClasses.LaneClassCount * plane)
        {
            throw new ArgumentException($"expected lane logits 3×{_height}×{_width} ({3 * plane} values), got {logits.Length}", nameof(logits));
        }
        ArgMax(logits, plane, _classes);
        return FitLines(_classes);
    }

    /// <summary>Per-pixel argmax of [classes, plane] logits into <paramref name="into"/> (ties: lower class).</summary>
    public static void ArgMax(ReadOnlySpan<float> logits, int plane, Span<byte> into)
    {
        int classes = logits.Length / plane;
        for (int i = 0; i < plane; i++)
        {
            float best = logits[i];
            byte arg = 0;
            for (int c = 1; c < classes; c++)
            {
                float v = logits[c * plane + i];
                if (v > best)
                {
                    best = v;
                    arg = (byte)c;
                }
            }
            into[i] = arg;
        }
    }

    /// <summary>Lines from an H×W mask of <see cref="LaneClass"/> values.</summary>
    public FittedLane[] FitLines(ReadOnlySpan<byte> classes)
    {
        if (classes.Length != _width * _height)
        {
            throw new ArgumentException($"expected a {_width}×{_height} class mask, got {classes.Length} values", nameof(classes));
        }
        Link(classes);
        return Fit();
    }

    private void Link(ReadOnlySpan<byte> classes)
    {
        _trackCount = 0;
        int maxRun = Math.Max(1, (int)(_options.MaxRunWidthFraction * _width));
        int lowest = _camera is { } cam ? Math.Clamp((int)Math.Ceiling(cam.HorizonRow), 0, _height) : 0;
        for (int y = _height - 1; y >= lowest; y--)
        {
            Array.Clear(_claimed);
            ReadOnlySpan<byte> row = classes.Slice(y * _width, _width);
            int x = 0;
            while (x < _width)
            {
                if (row[x] != (byte)LaneClass.LaneMarking)
                {
                    x++;
                    continue;
                }
                int start = x;
                while (x < _width && row[x] == (byte)LaneClass.LaneMarking)
                {
                    x++;
                }
                if (x - start <= maxRun)
                {
                    AddRun((start + x) * 0.5f, y + 0.5f);
                }
            }
        }
    }

    private void AddRun(float cx, float cy)
    {
        int best = -1;
        float bestDistance = float.MaxValue;
        for (int t = 0; t < _trackCount; t++)
        {
            Track track = _tracks[t];
            float gap = track.LastY - cy;
            if (_claimed[t] || gap > _options.MaxRowGap)
            {
                continue;
            }
            float distance = Math.Abs(track.Predict(cy) - cx);
            if (distance <= _options.LinkTolerance + _options.LinkToleranceGrowth * gap && distance < bestDistance)
            {
                best = t;
                bestDistance = distance;
            }
        }
        if (best < 0)
        {
            if (_trackCount == _tracks.Length)
            {
                return;
            }
            best = _trackCount++;
            _tracks[best].Clear();
        }
        _tracks[best].Add(cx, cy);
        _claimed[best] = true;
    }

    private sealed class Track(int capacity)
    {
        public readonly float[] X = new float[capacity];
        public readonly float[] Y = new float[capacity];
        public int Count;

        public float LastY => Y[Count - 1];

        public void Clear() => Count = 0;

        public void Add(float x, float y)
        {
            X[Count] = x;
            Y[Count] = y;
            Count++;
        }

        /// <summary>Column at row <paramref name="y"/> along the slope of the last few points.</summary>
        public float Predict(float y)
        {
            int last = Count - 1;
            int back = Math.Max(0, last - 6);
            if (last == back || Y[back] == Y[last])
            {
                return X[last];
            }
            float slope = (X[last] - X[back]) / (Y[last] - Y[back]);
            return X[last] + slope * (y - Y[last]);
        }
    }
}
