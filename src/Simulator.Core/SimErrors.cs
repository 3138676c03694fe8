namespace Simulator.Core;

/// <summary>Base of errors the simulator reports to users: one clear message, no stack trace unless asked.</summary>
public abstract class SimException : Exception
{
    protected SimException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>Process exit code for this error: 2 bad input or usage, 1 runtime failure.</summary>
    public abstract int ExitCode { get; }
}

/// <summary>
/// Input a user can fix: a file, an option, a model. Names where (file, JSON path, line) and what is wrong.
/// </summary>
public sealed class SimInputException : SimException
{
    public SimInputException(string problem, string? file = null, string? path = null, long? line = null, string? hint = null, Exception? inner = null)
        : base(Format(problem, file, path, line, hint), inner)
    {
        Problem = problem;
        File = file;
        Path = path;
        Line = line;
        Hint = hint;
    }

    public string Problem { get; }
    public string? File { get; }
    /// <summary>JSON path such as <c>$.traffic[2].speed</c>, or an option name.</summary>
    public string? Path { get; }
    public long? Line { get; }
    public string? Hint { get; }
    public override int ExitCode => 2;

    private static string Format(string problem, string? file, string? path, long? line, string? hint)
    {
        var where = new List<string>(3);
        if (file != null)
        {
            where.Add(line is { } l ? $"{file}:{l}" : file);
        }
        if (path != null)
        {
            where.Add(path);
        }
        string head = where.Count > 0 ? string.Join(" at ", where) + ": " : "";
        return hint is null ? head + problem : $"{head}{problem} ({hint})";
    }
}

/// <summary>A failure at run time that is not the user's input: a native library, a device, a diverging loss.</summary>
public sealed class SimRuntimeException : SimException
{
    public SimRuntimeException(string message, Exception? inner = null) : base(message, inner) { }
    public override int ExitCode => 1;
}
