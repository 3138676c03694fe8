using Simulator.Core;

namespace Simulator.Perception.Onnx;

/// <summary>
/// A perception model the user can fix: missing, corrupt or truncated file, unsupported opset, inputs or outputs
/// that do not follow the contract. Exit code 2 like <see cref="SimInputException"/> (which is sealed, so this
/// derives from <see cref="SimException"/> and formats its message the same way: "file: problem (hint)").
/// </summary>
public sealed class PerceptionModelException : SimException
{
    public PerceptionModelException(string file, string problem, string? hint = null, Exception? inner = null)
        : base(hint is null ? $"{file}: {problem}" : $"{file}: {problem} ({hint})", inner)
    {
        File = file;
        Problem = problem;
        Hint = hint;
    }

    public string File { get; }
    public string Problem { get; }
    public string? Hint { get; }
    public override int ExitCode => 2;
}
