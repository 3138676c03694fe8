using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Simulator.Cli.Tests;

/// <summary>The CLI as a child process (dotnet sim.dll), so tests can kill it or signal it like a user would.</summary>
internal sealed class SimProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();

    private SimProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(_out, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_err, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public string Out
    {
        get
        {
            lock (_out)
            {
                return _out.ToString();
            }
        }
    }

    public string Err
    {
        get
        {
            lock (_err)
            {
                return _err.ToString();
            }
        }
    }

    public static SimProcess Start(params string[] args) => Start(null, args);

    private const int SigInt = 2;

    [DllImport("libc", EntryPoint = "signal")]
    private static extern IntPtr SetSignalHandler(int signum, IntPtr handler);

    /// <summary>
    /// A shell without job control starts background commands with SIGINT ignored, and an ignored signal stays
    /// ignored across exec: a test run launched that way (say <c>.ci/run &amp;</c>) would start sim unable to receive the
    /// Ctrl-C the signal tests send, and sim rightly keeps an inherited SIG_IGN. Put SIGINT back to its default in
    /// this process (its children inherit that) when it came in ignored, so those tests see the signal as a user's
    /// terminal delivers it. Returns whether it did.
    /// </summary>
    private static bool RestoreInterruptIfIgnored()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        if (line is null || (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << (SigInt - 1))) == 0)
        {
            return false;
        }
        SetSignalHandler(SigInt, IntPtr.Zero); // SIG_DFL
        return true;
    }

    private static readonly Lazy<bool> s_interruptRestored = new(RestoreInterruptIfIgnored);

    /// <summary>Starts sim with the given environment changes (null value: the variable is removed).</summary>
    public static SimProcess Start(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        _ = s_interruptRestored.Value;
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sim.dll"));
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }
        info.Environment["OPENBLAS_NUM_THREADS"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }
        return new SimProcess(Process.Start(info)!);
    }

    /// <summary>Runs to the end (at most <paramref name="timeoutMs"/>): exit code, stdout, stderr.</summary>
    public static (int Code, string Out, string Err) Run(int timeoutMs, params string[] args)
    {
        using var p = Start(args);
        p.WaitForExit(timeoutMs);
        return (p.ExitCode, p.Out, p.Err);
    }

    /// <summary>Polls until <paramref name="condition"/> holds; false if the process exited first or time ran out.</summary>
    public bool WaitUntil(Func<bool> condition, int timeoutMs = 60_000)
    {
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < timeoutMs)
        {
            if (condition())
            {
                return true;
            }
            if (_process.HasExited)
            {
                return condition();
            }
            Thread.Sleep(2);
        }
        return false;
    }

    public void WaitForExit(int timeoutMs = 120_000)
    {
        if (!_process.WaitForExit(timeoutMs))
        {
            _process.Kill();
            throw new TimeoutException($"sim did not exit within {timeoutMs} ms; output:\n{Out}\n{Err}");
        }
        _process.WaitForExit(); // drains the redirected output
    }

    /// <summary>kill -9: no handler runs, nothing is flushed or cleaned up.</summary>
    public void KillHard()
    {
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
        _process.WaitForExit();
    }

    /// <summary>Sends a signal by name (INT, TERM) as kill(1) would.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{name} {_process.Id}") { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    private static void Append(StringBuilder to, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (to)
        {
            to.Append(line).Append('\n');
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillHard();
        }
        _process.Dispose();
    }
}
