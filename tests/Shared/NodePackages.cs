using System.Diagnostics;

namespace Simulator.Tests.Shared;

/// <summary>
/// Official npm readers and clients for the conformance tests (linked into the test projects that run node):
/// installed on first use into the user's cache (SIM_CACHE, else XDG_CACHE_HOME/simulator, else ~/.cache/simulator),
/// never into the repository. Fails with a clear message without node, npm or the registry.
/// </summary>
internal static class NodePackages
{
    /// <summary>
    /// The node_modules folder of cache subfolder <paramref name="folder"/> with <paramref name="packages"/> installed;
    /// <paramref name="installed"/> are paths (relative to node_modules) whose presence means they already are.
    /// </summary>
    public static string Modules(string folder, string[] packages, params string[] installed)
    {
        string cache = Environment.GetEnvironmentVariable("SIM_CACHE") is { Length: > 0 } c ? c
            : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } x ? x
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "simulator");
        string prefix = Path.Combine(cache, folder);
        string modules = Path.Combine(prefix, "node_modules");
        if (installed.All(p => File.Exists(Path.Combine(modules, p))))
        {
            return modules;
        }
        Directory.CreateDirectory(prefix);
        string list = string.Join(' ', packages);
        var (code, output) = Run("npm", $"install --prefix \"{prefix}\" --no-audit --no-fund --fetch-timeout=60000 --fetch-retries=1 {list}", TimeSpan.FromMinutes(3));
        if (code != 0)
        {
            Assert.Fail($"npm could not install {list} into {prefix} (exit {code}); this test needs npm and the npm registry:\n{output}");
        }
        return modules;
    }

    /// <summary>Runs a program to the end (at most <paramref name="timeout"/>): exit code and stdout + stderr.</summary>
    public static (int Code, string Output) Run(string file, string arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"'{file}' is not installed or not on PATH ({e.Message}); this test needs Node.js 20 and npm");
            throw;
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return (-1, $"timed out after {timeout.TotalSeconds} s\n{stdout.Result}{stderr.Result}");
            }
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
