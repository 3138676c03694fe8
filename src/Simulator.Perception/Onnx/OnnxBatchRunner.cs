using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Simulator.Perception.Onnx;

/// <summary>
/// Runs a model on batches of up to <see cref="MaxBatch"/> RGBA frames with no allocation in steady state. Outputs
/// live in native buffers allocated once and bound to the session with an IoBinding, so ONNX Runtime writes into
/// them directly; the input is bound over the caller's memory (no copy). The OrtValues describing a given
/// (pointer, count) input and a given count of outputs are created once and cached, so only a new buffer or a new
/// batch size costs a (small) allocation. Warmed up at creation. Not thread-safe; the model must outlive it.
/// </summary>
public sealed unsafe class OnnxBatchRunner : IDisposable
{
    /// <summary>Input descriptions kept for reuse: enough for double/triple buffering at every batch size a step
    /// uses.</summary>
    public const int MaxCachedInputs = 16;

    private readonly OnnxModel _model;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _runOptions = new();
    private readonly float*[] _outputBuffers;
    private readonly long[] _outputFrameSizes;
    /// <summary>Per count (1..MaxBatch): output OrtValues over the buffers and their shapes.</summary>
    private readonly OrtValue[]?[] _outputValues;
    private readonly long[][]?[] _outputShapes;
    private readonly Dictionary<(nint Pointer, int Count), OrtValue> _inputValues = [];
    private readonly long _inputFrameBytes;
    private readonly int[] _inputDims;
    private (nint Pointer, int Count) _boundInput;
    private int _boundOutputCount;
    private int _count;
    private bool _disposed;

    internal OnnxBatchRunner(OnnxModel model, int maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _model = model;
        MaxBatch = maxBatch;
        _inputDims = model.Input.Dims;
        _inputFrameBytes = FrameSize(model.Path, model.Input) * ElementSize(model.Input.ElementType);
        int outputs = model.Outputs.Count;
        _outputBuffers = new float*[outputs];
        _outputFrameSizes = new long[outputs];
        _outputValues = new OrtValue[]?[maxBatch + 1];
        _outputShapes = new long[][]?[maxBatch + 1];
        var names = new string[outputs];
        _binding = model.Session.CreateIoBinding();
        try
        {
            for (int i = 0; i < outputs; i++)
            {
                TensorContract output = model.Outputs[i];
                names[i] = output.Name;
                if (output.ElementType != OnnxElementType.Float)
                {
                    throw new PerceptionModelException(model.Path, $"output '{output.Name}' is {TensorContract.Format(output.ElementType, output.Dims)}; the runner reads float outputs");
                }
                _outputFrameSizes[i] = FrameSize(model.Path, output);
                nuint bytes = (nuint)(_outputFrameSizes[i] * maxBatch * sizeof(float));
                _outputBuffers[i] = (float*)NativeMemory.AlignedAlloc(bytes, 64);
                NativeMemory.Clear(_outputBuffers[i], bytes);
            }
            OutputNames = names;
            WarmUp(model.Options.WarmupRuns);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int MaxBatch { get; }
    /// <summary>Frames in the last <see cref="Run"/>.</summary>
    public int Count => _count;
    public IReadOnlyList<string> OutputNames { get; } = [];
    /// <summary>Bytes of one input frame (H × W × 4 for the image convention).</summary>
    public long InputFrameBytes => _inputFrameBytes;

    /// <summary>
    /// Runs <paramref name="count"/> frames laid out back to back at <paramref name="rgbaPointer"/> (uint8
    /// [count,H,W,4]); the memory must stay valid and unmoved while this runner may bind it (pin it, or use native
    /// memory). Results are in <see cref="Output"/> until the next run.
    /// </summary>
    public void Run(nint rgbaPointer, int count)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxBatch);
        if (rgbaPointer == 0)
        {
            throw new ArgumentNullException(nameof(rgbaPointer));
        }
        if (_boundInput != (rgbaPointer, count))
        {
            BindInput(rgbaPointer, count);
        }
        if (_boundOutputCount != count)
        {
            BindOutputs(count);
        }
        try
        {
            _model.Session.RunWithBinding(_runOptions, _binding);
        }
        catch (OnnxRuntimeException e)
        {
            throw new Core.SimRuntimeException($"{_model.Path}: ONNX Runtime failed to run the model on {count} frame(s): {e.Message}", e);
        }
        _count = count;
    }

    /// <summary>Output <paramref name="index"/> of the last run: <see cref="Count"/> frames, row-major.</summary>
    public ReadOnlySpan<float> Output(int index)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new ReadOnlySpan<float>(_outputBuffers[index], checked((int)(_outputFrameSizes[index] * _count)));
    }

    /// <summary>Shape of output <paramref name="index"/> of the last run ([Count, ...]).</summary>
    public ReadOnlySpan<long> OutputShape(int index) => _count == 0 ? default : _outputShapes[_count]![index];

    private void BindInput(nint pointer, int count)
    {
        if (!_inputValues.TryGetValue((pointer, count), out OrtValue? value))
        {
            if (_inputValues.Count >= MaxCachedInputs)
            {
                // A caller that hands a new buffer every frame: keep the cache bounded instead of growing forever.
                _binding.ClearBoundInputs();
                foreach (var old in _inputValues.Values)
                {
                    old.Dispose();
                }
                _inputValues.Clear();
            }
            var shape = new long[_inputDims.Length];
            shape[0] = count;
            for (int i = 1; i < shape.Length; i++)
            {
                shape[i] = _inputDims[i];
            }
            value = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, (TensorElementType)(int)_model.Input.ElementType,
                shape, pointer, _inputFrameBytes * count);
            _inputValues.Add((pointer, count), value);
        }
        _binding.BindInput(_model.Input.Name, value);
        _boundInput = (pointer, count);
    }

    private void BindOutputs(int count)
    {
        if (_outputValues[count] is not { } values)
        {
            values = new OrtValue[_outputBuffers.Length];
            var shapes = new long[_outputBuffers.Length][];
            for (int i = 0; i < values.Length; i++)
            {
                int[] dims = _model.Outputs[i].Dims;
                shapes[i] = new long[dims.Length];
                shapes[i][0] = count;
                for (int d = 1; d < dims.Length; d++)
                {
                    shapes[i][d] = dims[d];
                }
                values[i] = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, TensorElementType.Float, shapes[i],
                    (nint)_outputBuffers[i], _outputFrameSizes[i] * count * sizeof(float));
            }
            _outputValues[count] = values;
            _outputShapes[count] = shapes;
        }
        _binding.ClearBoundOutputs();
        for (int i = 0; i < values.Length; i++)
        {
            _binding.BindOutput(OutputNames[i], values[i]);
        }
        _boundOutputCount = count;
    }

    private void WarmUp(int runs)
    {
        if (runs <= 0)
        {
            return;
        }
        nuint bytes = (nuint)(_inputFrameBytes * MaxBatch);
        void* zeros = NativeMemory.AlignedAlloc(bytes, 64);
        try
        {
            NativeMemory.Clear(zeros, bytes);
            for (int i = 0; i < runs; i++)
            {
                Run((nint)zeros, MaxBatch);
            }
        }
        finally
        {
            if (_inputValues.Remove(((nint)zeros, MaxBatch), out OrtValue? value))
            {
                _binding.ClearBoundInputs();
                value.Dispose();
            }
            _boundInput = default;
            _count = 0;
            NativeMemory.AlignedFree(zeros);
        }
    }

    private static long FrameSize(string path, TensorContract value)
    {
        long size = 1;
        for (int i = 1; i < value.Dims.Length; i++)
        {
            if (value.Dims[i] <= 0)
            {
                throw new PerceptionModelException(path, $"'{value.Name}' is {TensorContract.Format(value.ElementType, value.Dims)}; a batch runner needs every size but the batch axis fixed");
            }
            size *= value.Dims[i];
        }
        if (value.Dims.Length == 0 || value.Dims[0] != TensorContract.Dynamic)
        {
            throw new PerceptionModelException(path, $"'{value.Name}' is {TensorContract.Format(value.ElementType, value.Dims)}; the first axis must be the dynamic batch axis N");
        }
        return size;
    }

    private static long ElementSize(OnnxElementType type) => type switch
    {
        OnnxElementType.UInt8 or OnnxElementType.Int8 or OnnxElementType.Bool => 1,
        OnnxElementType.Float16 => 2,
        OnnxElementType.Float or OnnxElementType.Int32 => 4,
        _ => 8,
    };

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        foreach (var value in _inputValues.Values)
        {
            value.Dispose();
        }
        _inputValues.Clear();
        foreach (var values in _outputValues)
        {
            if (values is null)
            {
                continue;
            }
            foreach (var value in values)
            {
                value?.Dispose();
            }
        }
        _binding.Dispose();
        _runOptions.Dispose();
        for (int i = 0; i < _outputBuffers.Length; i++)
        {
            if (_outputBuffers[i] != null)
            {
                NativeMemory.AlignedFree(_outputBuffers[i]);
                _outputBuffers[i] = null;
            }
        }
    }
}
