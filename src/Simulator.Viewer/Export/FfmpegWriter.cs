using System.Diagnostics;
using System.Globalization;
using Simulator.Core;

namespace Simulator.Viewer.Export;

/// <summary>
/// Encodes raw RGBA8 frames to a video file through Debian's ffmpeg binary: frames go to its standard input
/// (<c>-f rawvideo -pix_fmt rgba</c>), it writes the file itself. Its standard error is kept (the last lines) to
/// explain a failure. The caller gives the output path (a temporary file: see
/// <see cref="SafeFile.WriteWithTempPath"/>); a failed or abandoned encode kills ffmpeg.
/// </summary>
public sealed class FfmpegWriter : IDisposable
{
    private const int KeptLines = 8;
    private readonly Process _process;
    private readonly Stream _input;
    private readonly Queue<string> _errors = new();
    private readonly int _frameBytes;
    private bool _finished;

    /// <param name="ffmpeg">The ffmpeg executable (<see cref="Locate"/>).</param>
    /// <param name="fpsNumerator">Frame rate as a fraction (e.g. 60/2), so any simulation rate divides exactly.</param>
    public FfmpegWriter(string ffmpeg, string output, VideoFormat format, int width, int height, int fpsNumerator, int fpsDenominator)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 2);
        if (format == VideoFormat.Mp4 && (width % 2 != 0 || height % 2 != 0))
        {
            throw new SimInputException($"an mp4 export needs an even width and height, not {width}x{height}",
                path: "--export-size", hint: "e.g. 960x540");
        }
        _frameBytes = width * height * 4;
        var info = new ProcessStartInfo(ffmpeg)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string a in Arguments(output, format, width, height, fpsNumerator, fpsDenominator))
        {
            info.ArgumentList.Add(a);
        }
        try
        {
            _process = Process.Start(info) ?? throw new SimRuntimeException($"cannot start {ffmpeg}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SimRuntimeException($"cannot start {ffmpeg}: {e.Message}", e);
        }
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        _input = _process.StandardInput.BaseStream;
    }

    /// <summary>ffmpeg's command line after the executable.</summary>
    public static IReadOnlyList<string> Arguments(string output, VideoFormat format, int width, int height, int fpsNumerator, int fpsDenominator)
    {
        var args = new List<string>
        {
            "-hide_banner", "-loglevel", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "rgba", "-s", $"{width}x{height}",
            "-r", string.Create(CultureInfo.InvariantCulture, $"{fpsNumerator}/{fpsDenominator}"), "-i", "-", "-an",
        };
        if (format == VideoFormat.Mp4)
        {
            args.AddRange(["-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4"]);
        }
        else
        {
            // Two passes over the clip in one graph: one palette for the whole clip, then mapping with it.
            args.AddRange(["-filter_complex", "[0:v]split[a][b];[a]palettegen=stats_mode=full[p];[b][p]paletteuse=dither=bayer:bayer_scale=4",
                "-loop", "0", "-f", "gif"]);
        }
        args.Add(output);
        return args;
    }

    /// <summary>The ffmpeg executable on <paramref name="searchPath"/> (default: the PATH variable); when there is
    /// none, a one-line <see cref="SimRuntimeException"/> saying how to install it.</summary>
    public static string Locate(string? searchPath = null)
    {
        searchPath ??= Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (string folder in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(folder, "ffmpeg");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new SimRuntimeException("ffmpeg is not installed (no 'ffmpeg' on PATH), and video export needs it: sudo apt-get install -y ffmpeg (./sim installs it), or use --frames DIR for PNG frames");
    }

    /// <summary>Sends one RGBA8 frame of the configured size.</summary>
    public void Write(ReadOnlySpan<byte> rgba)
    {
        if (rgba.Length != _frameBytes)
        {
            throw new ArgumentException($"a frame must have {_frameBytes} bytes, not {rgba.Length}", nameof(rgba));
        }
        try
        {
            _input.Write(rgba);
        }
        catch (IOException e)
        {
            throw Failure("stopped reading frames", e);
        }
    }

    /// <summary>Ends the input and waits for ffmpeg to finish the file; a non-zero exit is a
    /// <see cref="SimRuntimeException"/> with its last error lines.</summary>
    public void Finish()
    {
        try
        {
            _input.Dispose();
        }
        catch (IOException e)
        {
            throw Failure("stopped reading frames", e);
        }
        _process.WaitForExit();
        _finished = true;
        if (_process.ExitCode != 0)
        {
            throw Failure($"exited with code {_process.ExitCode}", null);
        }
    }

    private SimRuntimeException Failure(string what, Exception? inner)
    {
        if (!_process.HasExited)
        {
            _process.WaitForExit(5000);
        }
        if (_process.HasExited)
        {
            _process.WaitForExit(); // drains the asynchronous stderr reader
        }
        string tail;
        lock (_errors)
        {
            tail = _errors.Count == 0 ? "(no error output)" : string.Join(" | ", _errors);
        }
        return new SimRuntimeException($"ffmpeg {what}: {tail}", inner);
    }

    private void Keep(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }
        lock (_errors)
        {
            _errors.Enqueue(line.Trim());
            while (_errors.Count > KeptLines)
            {
                _errors.Dequeue();
            }
        }
    }

    public void Dispose()
    {
        if (!_finished && !_process.HasExited)
        {
            try
            {
                _process.Kill();
                _process.WaitForExit();
            }
            catch (InvalidOperationException)
            {
            }
        }
        try
        {
            _input.Dispose();
        }
        catch (IOException)
        {
        }
        _process.Dispose();
    }
}
