namespace Simulator.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        HostSetup.Apply(); // process-wide tuning is the host's choice, never a library's (see HostSetup)
        return CliApp.Run(args);
    }
}
