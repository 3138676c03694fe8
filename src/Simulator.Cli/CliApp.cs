using System.CommandLine;
using Simulator.Cli.Commands;
using Simulator.Core;

namespace Simulator.Cli;

/// <summary>
/// Builds the command tree and maps failures to exit codes: 0 ok, 1 runtime failure, 2 bad usage or input
/// (commands may return 130 when a signal stopped them, as `train` does).
/// Errors print one message; the stack trace only with --verbose.
/// </summary>
public static class CliApp
{
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Print stack traces and extra diagnostics",
        Recursive = true,
    };

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Self-driving simulation engine: scenes, physics, traffic, autopilot, Vulkan cameras, PPO on libtorch.");
        root.Options.Add(Verbose);
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        bool verbose = args.Contains("--verbose") || args.Contains("-v");
        try
        {
            // Parsing runs the option parsers and validators; they report problems as parse errors and never throw,
            // but a bug in one must still end here with a message rather than abort the process.
            var parse = BuildRoot().Parse(args);
            if (parse.Errors.Count > 0)
            {
                // One line, as for every other input error: the first problem, how many more there are, and where
                // the usage is. Scripts and people read the first line; the rest shows again once it is fixed.
                // A missing required option or command is usually the consequence of another mistake (a misspelt
                // command or value), so that one is named first.
                var first = parse.Errors.OrderBy(e => e.Message.Contains("required", StringComparison.OrdinalIgnoreCase) ? 1 : 0).First();
                string more = parse.Errors.Count > 1 ? $" (and {parse.Errors.Count - 1} more)" : "";
                stderr.WriteLine($"sim: {FirstLine(first.Message).TrimEnd('.')}{more}; see '{HelpCommand(parse.CommandResult)}' for usage");
                return 2;
            }
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = stdout, Error = stderr });
        }
        catch (Exception e)
        {
            var inner = e is AggregateException { InnerException: { } ie } ? ie : e;
            if (inner is SimException se)
            {
                // One line: a native library's message can run to pages (libtorch lists every backend); the rest
                // comes with --verbose.
                stderr.WriteLine($"sim: {FirstLine(se.Message)}");
                if (verbose)
                {
                    stderr.WriteLine(se.ToString());
                }
                return se.ExitCode;
            }
            // Errors a user can cause are SimExceptions (converted where they arise), so anything else is a bug in
            // the simulator: its type helps the report.
            stderr.WriteLine($"sim: internal error: {inner.GetType().Name}: {inner.Message}");
            stderr.WriteLine(verbose ? inner.ToString() : "sim: run with --verbose for the stack trace, and please report it");
            return 1;
        }
    }

    private static string HelpCommand(System.CommandLine.Parsing.CommandResult? result)
    {
        var names = new List<string>();
        for (var r = result; r != null && r.Command is not RootCommand; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, r.Command.Name);
        }
        return names.Count == 0 ? "sim --help" : $"sim {string.Join(' ', names)} --help";
    }

    private static string FirstLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end].TrimEnd() + " (more with --verbose)";
    }
}
