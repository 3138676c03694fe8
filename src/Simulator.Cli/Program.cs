using Simulator.Core;

namespace Simulator.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        try
        {
            HostSetup.Apply(); // process-wide tuning is the host's choice, never a library's (see HostSetup)
        }
        catch (SimException e) // e.g. a bad SIM_MALLOC_TRIM: one line, as for any other bad input
        {
            Console.Error.WriteLine($"sim: {e.Message}");
            return e.ExitCode;
        }
        return CliApp.Run(args);
    }
}
