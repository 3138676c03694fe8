using Simulator.Core;
using Simulator.Learning.Imitation;

namespace Simulator.Cli.Datasets;

/// <summary>Collects frames and actions episode by episode into a <see cref="DemoSet"/> (one frame size).</summary>
internal sealed class DemoBuilder
{
    private readonly System.Buffers.ArrayBufferWriter<byte> _pixels = new();
    private readonly List<float> _actions = [];
    private readonly List<int> _starts = [];
    private int _width, _height;

    public int Count => _actions.Count / 2;

    public void BeginEpisode()
    {
        if (_starts.Count == 0 || _starts[^1] != Count)
        {
            _starts.Add(Count);
        }
    }

    public void Add(int width, int height, ReadOnlySpan<byte> rgb, float steer, float accel, string source)
    {
        if (Count == 0)
        {
            (_width, _height) = (width, height);
        }
        else if (width != _width || height != _height)
        {
            throw new SimInputException($"image of {width}x{height} among images of {_width}x{_height}", file: source,
                hint: "a dataset's images must all have one size");
        }
        if (_starts.Count == 0)
        {
            _starts.Add(0);
        }
        System.Buffers.BuffersExtensions.Write(_pixels, rgb);
        _actions.Add(steer);
        _actions.Add(accel);
    }

    public DemoSet Build(string source)
    {
        if (Count == 0)
        {
            throw new SimInputException("no samples found", file: source);
        }
        var set = new DemoSet(_width, _height, _pixels.WrittenSpan.ToArray(), [.. _actions], [.. _starts]);
        set.Validate(source);
        return set;
    }
}
