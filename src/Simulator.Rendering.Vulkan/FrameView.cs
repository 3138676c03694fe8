namespace Simulator.Rendering.Vulkan;

/// <summary>
/// Read-only view of one finished batch frame, straight over the mapped readback memory (no copies). Each output
/// is one contiguous block N×H×W×C, env-major then row-major (row 0 = top of the image): colour RGBA8 (C = 4,
/// alpha 255), depth float32 metres, segmentation byte, instance ids uint32. Valid until the batch submits frame
/// <see cref="Frame"/> + FramesInFlight or is disposed.
/// </summary>
public readonly unsafe struct FrameView
{
    private readonly byte* _base;
    private readonly long _color;
    private readonly long _depth;
    private readonly long _segmentation;
    private readonly long _instances;
    private readonly VisibleBox[] _boxes;
    private readonly int[] _boxCounts;
    private readonly int _boxesPerEnv;

    internal FrameView(ReadbackTarget slot, BatchDescription d, int boxesPerEnv, long frame)
    {
        _base = slot.Buffer.Pointer;
        _color = slot.ColorOffset;
        _depth = slot.DepthOffset;
        _segmentation = slot.SegmentationOffset;
        _instances = slot.InstanceOffset;
        _boxes = slot.Boxes;
        _boxCounts = slot.BoxCounts;
        _boxesPerEnv = boxesPerEnv;
        EnvCount = d.EnvCount;
        Width = d.Width;
        Height = d.Height;
        Outputs = d.ResolvedOutputs;
        Frame = frame;
    }

    public long Frame { get; }
    public int EnvCount { get; }
    public int Width { get; }
    public int Height { get; }
    public RenderOutputs Outputs { get; }
    private int Pixels => Width * Height;

    /// <summary>Address of the N×H×W×4 colour block (for wrapping as a tensor without copying).</summary>
    public nint ColorPointer => (nint)(_base + _color);

    /// <summary>All envs' colour, N×H×W×4 bytes.</summary>
    public ReadOnlySpan<byte> Color => new(_base + _color, EnvCount * Pixels * 4);

    public ReadOnlySpan<byte> ColorOf(int env) => Color.Slice(Checked(env) * Pixels * 4, Pixels * 4);

    public nint DepthPointer => Has(RenderOutputs.Depth) ? (nint)(_base + _depth) : 0;

    /// <summary>All envs' linear depth in metres, N×H×W floats (empty unless <see cref="RenderOutputs.Depth"/>).</summary>
    public ReadOnlySpan<float> Depth => Has(RenderOutputs.Depth) ? new((float*)(_base + _depth), EnvCount * Pixels) : default;

    public ReadOnlySpan<float> DepthOf(int env) => Depth.Slice(Checked(env) * Pixels, Pixels);

    /// <summary>All envs' semantic classes, N×H×W bytes (empty unless <see cref="RenderOutputs.Segmentation"/>).</summary>
    public ReadOnlySpan<byte> Segmentation => Has(RenderOutputs.Segmentation) ? new(_base + _segmentation, EnvCount * Pixels) : default;

    public ReadOnlySpan<byte> SegmentationOf(int env) => Segmentation.Slice(Checked(env) * Pixels, Pixels);

    /// <summary>All envs' instance ids, N×H×W uints (empty unless <see cref="RenderOutputs.InstanceIds"/>).</summary>
    public ReadOnlySpan<uint> InstanceIds => Has(RenderOutputs.InstanceIds) ? new((uint*)(_base + _instances), EnvCount * Pixels) : default;

    public ReadOnlySpan<uint> InstanceIdsOf(int env) => InstanceIds.Slice(Checked(env) * Pixels, Pixels);

    /// <summary>Boxes of the instances visible in env <paramref name="env"/>, in the order the instances were
    /// given (static-set parts first). Empty unless <see cref="RenderOutputs.Boxes"/>.</summary>
    public ReadOnlySpan<VisibleBox> BoxesOf(int env) =>
        Has(RenderOutputs.Boxes) ? new(_boxes, Checked(env) * _boxesPerEnv, _boxCounts[env]) : default;

    private bool Has(RenderOutputs output) => (Outputs & output) != 0;

    private int Checked(int env) => (uint)env < (uint)EnvCount ? env : throw new ArgumentOutOfRangeException(nameof(env));
}
