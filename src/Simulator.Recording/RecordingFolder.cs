using System.Globalization;
using Simulator.Core;
using Simulator.Driving.Env;

namespace Simulator.Recording;

/// <summary>
/// Records episodes into a folder, one MCAP file per episode (`--record DIR`): attach it as the
/// <see cref="IEpisodeSink"/> of an <see cref="EpisodeRunner"/>, a <see cref="VectorEnv"/> or the viewer's live run.
/// Every <see cref="Every"/>-th episode started (counted over all envs) is recorded. Files are named
/// <c>SCENE-YYYYMMDD-HHMMSS-envE-epN-seedS.mcap</c>; an existing file is never replaced. Thread-safe for a vector
/// env's workers (each env is recorded by its own recorder).
/// </summary>
public sealed class RecordingFolder : IEpisodeSink, IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<DrivingEnv, EpisodeRecorder> _open = [];
    private readonly List<string> _files = [];
    private readonly string _stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
    private long _started;
    private bool _disposed;

    /// <param name="folder">Created when missing; must not be a file.</param>
    /// <param name="options">What each recording holds.</param>
    /// <param name="every">Record every this-many-th episode (1 = all).</param>
    /// <param name="keepUnfinished">Keep the file of an episode cut off by <see cref="Dispose"/> (a closed window); false
    /// deletes it (the auto-reset episodes a batch starts after an evaluation's last one).</param>
    public RecordingFolder(string folder, RecorderOptions? options = null, int every = 1, bool keepUnfinished = true)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        SafeFile.RequireFolderOrMissing(folder, "recording folder");
        Directory.CreateDirectory(folder);
        Folder = folder;
        Options = options ?? new RecorderOptions();
        Every = every;
        KeepUnfinished = keepUnfinished;
    }

    public string Folder { get; }
    public RecorderOptions Options { get; }
    public int Every { get; }
    public bool KeepUnfinished { get; }

    /// <summary>Files written so far (finished episodes, and unfinished ones kept at the end), in the order they closed.</summary>
    public IReadOnlyList<string> Files
    {
        get
        {
            lock (_gate)
            {
                return [.. _files];
            }
        }
    }

    /// <summary>Visual messages dropped by all recorders because a writer was behind.</summary>
    public long DroppedVisuals { get; private set; }

    public void EpisodeStarted(DrivingEnv env, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(env);
        EpisodeRecorder? previous;
        long n;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _open.Remove(env, out previous);
            n = _started++;
        }
        if (previous != null)
        {
            Close(previous, keep: previous.Steps > 0 && KeepUnfinished);
        }
        if (n % Every != 0)
        {
            return;
        }
        EpisodeRecorder recorder = StartFree(env, seed, n + 1);
        lock (_gate)
        {
            _open[env] = recorder;
        }
    }

    public void Stepped(DrivingEnv env, DrivingAction action, in StepOutcome outcome)
    {
        EpisodeRecorder? recorder;
        lock (_gate)
        {
            _open.TryGetValue(env, out recorder);
        }
        if (recorder is null)
        {
            return;
        }
        recorder.Step(action, outcome);
        if (outcome.Done)
        {
            lock (_gate)
            {
                _open.Remove(env);
            }
            recorder.Complete();
            Closed(recorder);
        }
    }

    /// <summary>The episode of <paramref name="env"/> was cut by its caller (a step limit): its recording is completed
    /// with the summary of where it stopped and kept, like an episode that ended. Later steps of the env are not
    /// recorded until its next episode starts.</summary>
    public void EpisodeCut(DrivingEnv env)
    {
        EpisodeRecorder? recorder;
        lock (_gate)
        {
            _open.Remove(env, out recorder);
        }
        if (recorder is null)
        {
            return;
        }
        if (recorder.Steps == 0)
        {
            Close(recorder, keep: false);
            return;
        }
        recorder.Complete();
        Closed(recorder);
    }

    /// <summary>Adds a camera frame of <paramref name="env"/>'s current step to its open recording (RGB or RGBA rows, top
    /// row first; none open: nothing). Written only with <see cref="RecorderOptions.CameraFrames"/>.</summary>
    public void Frame(DrivingEnv env, ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        EpisodeRecorder? recorder;
        lock (_gate)
        {
            _open.TryGetValue(env, out recorder);
        }
        recorder?.Frame(pixels, width, height, channels);
    }

    /// <summary>Adds what perception saw in <paramref name="env"/>'s current step to its open recording (none open, e.g.
    /// after the episode's last step or an episode not recorded: nothing). Needs <see cref="RecorderOptions.PerceptionOutputs"/>.</summary>
    public void Perception(DrivingEnv env, Telemetry.Messages.PerceptionOverlay overlay)
    {
        EpisodeRecorder? recorder;
        lock (_gate)
        {
            _open.TryGetValue(env, out recorder);
        }
        recorder?.Perception(overlay);
    }

    /// <summary>Closes the recordings still open (episodes cut off): kept as unfinished files or deleted, per <see cref="KeepUnfinished"/>.</summary>
    public void Dispose()
    {
        EpisodeRecorder[] open;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            open = [.. _open.Values];
            _open.Clear();
        }
        foreach (EpisodeRecorder r in open)
        {
            Close(r, keep: r.Steps > 0 && KeepUnfinished);
        }
    }

    private EpisodeRecorder StartFree(DrivingEnv env, ulong seed, long episode)
    {
        string name = string.Create(CultureInfo.InvariantCulture, $"{Safe(env.Scene.Name)}-{_stamp}-env{env.EnvIndex}-ep{episode:00000}-seed{seed}");
        for (int attempt = 0; ; attempt++)
        {
            string path = Path.Combine(Folder, attempt == 0 ? name + ".mcap" : string.Create(CultureInfo.InvariantCulture, $"{name}-{attempt + 1}.mcap"));
            if (File.Exists(path))
            {
                continue;
            }
            return EpisodeRecorder.Start(path, env, seed, Options);
        }
    }

    private void Close(EpisodeRecorder recorder, bool keep)
    {
        recorder.Dispose();
        if (keep)
        {
            Closed(recorder);
        }
        else
        {
            File.Delete(recorder.Path);
        }
    }

    private void Closed(EpisodeRecorder recorder)
    {
        lock (_gate)
        {
            _files.Add(recorder.Path);
            DroppedVisuals += recorder.DroppedVisuals;
        }
    }

    private static string Safe(string name)
    {
        var chars = name.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(chars[i]) && chars[i] is not ('-' or '_'))
            {
                chars[i] = '_';
            }
        }
        return chars.Length == 0 ? "scene" : new string(chars);
    }
}
