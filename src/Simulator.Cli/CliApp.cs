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
        var root = BuildRoot();
        var parse = root.Parse(args);
        bool verbose = args.Contains("--verbose") || args.Contains("-v");
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                stderr.WriteLine($"sim: {e.Message}");
            }
            stderr.WriteLine("sim: see 'sim --help' (or 'sim <command> --help') for usage");
            return 2;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = stdout, Error = stderr });
        }
        catch (Exception e)
        {
            var inner = e is AggregateException { InnerException: { } ie } ? ie : e;
            int code = inner is SimException se ? se.ExitCode : 1;
            stderr.WriteLine(inner is SimException ? $"sim: {inner.Message}" : $"sim: {inner.GetType().Name}: {inner.Message}");
            if (verbose)
            {
                stderr.WriteLine(inner.ToString());
            }
            else if (inner is not SimException)
            {
                stderr.WriteLine("sim: run with --verbose for the stack trace");
            }
            return code;
        }
    }
}
