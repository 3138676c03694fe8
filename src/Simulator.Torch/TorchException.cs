using Simulator.Core;

namespace Simulator.Torch;

/// <summary>A libtorch call failed; the message is libtorch's own (shapes, dtypes, devices) without its C++ backtrace.</summary>
public sealed class TorchException : SimException
{
    public TorchException(string message) : base(message) { }

    public override int ExitCode => 1;
}
