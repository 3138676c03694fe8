namespace Simulator.Cli;

internal static class CliApp
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("sim: the CLI is being assembled; no commands yet.");
        return args.Length == 0 ? 0 : 2;
    }
}
