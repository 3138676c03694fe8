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
                foreach (var e in parse.Errors)
                {
                    stderr.WriteLine($"sim: {e.Message}");
                }
                stderr.WriteLine("sim: see 'sim --help' (or 'sim <command> --help') for usage");
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

    private static string FirstLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end].TrimEnd() + " (more with --verbose)";
    }
}
