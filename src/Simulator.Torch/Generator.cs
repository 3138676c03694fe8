using Simulator.Torch.Interop;

namespace Simulator.Torch;

/// <summary>A seeded CPU random generator, independent of the global one, for reproducible initialisation.</summary>
public sealed class Generator : IDisposable
{
    private nint _handle;

    public Generator(ulong seed)
    {
        _handle = Native.Check(NativeMethods.simtorch_generator_create(seed));
    }

    internal nint Handle => _handle != 0 ? _handle : throw new ObjectDisposedException(nameof(Generator));

    public void Dispose()
    {
        if (_handle != 0)
        {
            NativeMethods.simtorch_generator_free(_handle);
            _handle = 0;
        }
    }
}
