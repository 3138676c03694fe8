using System.Globalization;
using Simulator.Core;

namespace Simulator.Learning.Runs;

/// <summary>
/// The files of one training run, owned by one writer at a time (<see cref="RunLock"/>):
/// <code>
/// config.yaml               resolved config, seed and version (written first, atomically); resumes with overrides
///                           rewrite it and add a comment line saying what changed
/// checkpoints/latest.pt     newest checkpoint (atomic); --resume continues from it
/// checkpoints/best.pt       best by evaluation lap completion, then mean return
/// metrics.csv               one row per PPO iteration (append-only, flushed)
/// eval.csv                  one row per evaluation
/// events.out.tfevents.*     TensorBoard scalars
/// .lock, .owner             the writer's lock and pid
/// </code>
/// Opening a folder takes its lock first, then removes temporary files a killed writer left behind, so a run killed
/// at any moment can be resumed or restarted.
/// </summary>
public sealed class RunFolder : IDisposable
{
    private readonly RunLock _lock;

    private RunFolder(string directory, RunLock runLock)
    {
        Directory = directory;
        _lock = runLock;
    }

    public string Directory { get; }
    public string ConfigPath => Path.Combine(Directory, "config.yaml");
    public string CheckpointDirectory => Path.Combine(Directory, "checkpoints");
    public string LatestPath => Path.Combine(CheckpointDirectory, "latest.pt");
    public string BestPath => Path.Combine(CheckpointDirectory, "best.pt");
    public string MetricsPath => Path.Combine(Directory, "metrics.csv");
    public string EvalPath => Path.Combine(Directory, "eval.csv");
    public string PlotsPath => Path.Combine(Directory, RunPlots.FileName);
    public string EventsPath => Path.Combine(Directory, TensorBoardWriter.FileName());

    /// <summary>Whether the run has a checkpoint to continue from (a run killed before its first one has none).</summary>
    public bool HasCheckpoint => File.Exists(LatestPath);

    /// <summary>
    /// Starts a new run: refuses a folder that already holds one (unless <paramref name="restart"/>, which first
    /// removes the files a run writes and nothing else), then writes the resolved config first.
    /// </summary>
    public static RunFolder Create(string directory, TrainerConfig config, bool restart = false)
    {
        string full = Path.GetFullPath(directory);
        try
        {
            System.IO.Directory.CreateDirectory(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SimInputException($"cannot create the run folder: {e.Message}", file: full, hint: "pass --out with a writable folder");
        }
        RunFolder folder = Open(full);
        try
        {
            if (restart && File.Exists(folder.ConfigPath))
            {
                folder.DeleteOutputs(keepConfig: false);
            }
            else if (File.Exists(folder.ConfigPath))
            {
                throw new SimInputException("the run folder already holds a run", file: folder.ConfigPath,
                    hint: "pass --resume to continue it, --restart to discard it and start over, or --out to start a new one elsewhere");
            }
            System.IO.Directory.CreateDirectory(folder.CheckpointDirectory);
            string header = string.Create(CultureInfo.InvariantCulture,
                $"# Resolved training config: every setting this run uses.\n# seed: {config.Seed}\n# version: {RunInfo.Version}\n");
            SafeFile.WriteAllText(folder.ConfigPath, header + TrainerConfigYaml.Write(config));
            return folder;
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens a run to resume: its recorded config must be there. Without a checkpoint (killed before the first one)
    /// the caller starts the run over from that config: see <see cref="HasCheckpoint"/> and <see cref="StartOver"/>.
    /// </summary>
    public static (RunFolder Folder, TrainerConfig Config) Resume(string directory)
    {
        string full = Path.GetFullPath(directory);
        string config = Path.Combine(full, "config.yaml");
        if (!File.Exists(config))
        {
            throw new SimInputException("no run to resume here (config.yaml missing)", file: config,
                hint: "pass --out with the folder of an earlier run, or start a new run without --resume");
        }
        RunFolder folder = Open(full);
        try
        {
            return (folder, TrainerConfigYaml.Load(folder.ConfigPath));
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>Removes what an unfinished attempt wrote besides the config, so the run starts over cleanly.</summary>
    public void StartOver()
    {
        DeleteOutputs(keepConfig: true);
        System.IO.Directory.CreateDirectory(CheckpointDirectory);
    }

    /// <summary>
    /// Undoes a new run that could not start (e.g. its init model does not fit): removes its config and outputs, so
    /// the same command can be run again without --restart. Refused once the run has a checkpoint.
    /// </summary>
    public void DiscardNew()
    {
        if (HasCheckpoint)
        {
            throw new InvalidOperationException("the run has a checkpoint: it is not new");
        }
        DeleteOutputs(keepConfig: false);
    }

    /// <summary>Records the config a resumed run continues with (overrides applied) and a comment saying what changed.</summary>
    public void RecordResume(TrainerConfig config, long atStep, IReadOnlyList<string> changes)
    {
        var header = new List<string>();
        foreach (string line in File.ReadAllLines(ConfigPath))
        {
            if (!line.StartsWith('#'))
            {
                break;
            }
            header.Add(line);
        }
        header.Add(string.Create(CultureInfo.InvariantCulture, $"# resumed at step {atStep} with {string.Join(", ", changes)}"));
        SafeFile.WriteAllText(ConfigPath, string.Join('\n', header) + "\n" + TrainerConfigYaml.Write(config));
    }

    private static RunFolder Open(string full)
    {
        var folder = new RunFolder(full, RunLock.Acquire(full));
        folder.RemoveStaleTemporaries();
        return folder;
    }

    private string[] Outputs(bool withConfig)
    {
        var files = new List<string> { MetricsPath, EvalPath, EventsPath, LatestPath, BestPath, PlotsPath };
        if (withConfig)
        {
            files.Add(ConfigPath);
        }
        return [.. files];
    }

    private void DeleteOutputs(bool keepConfig)
    {
        foreach (string file in Outputs(withConfig: !keepConfig))
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new SimInputException($"cannot remove {file} to start the run over: {e.Message}", file: file);
            }
        }
        if (System.IO.Directory.Exists(CheckpointDirectory) && !System.IO.Directory.EnumerateFileSystemEntries(CheckpointDirectory).Any())
        {
            System.IO.Directory.Delete(CheckpointDirectory);
        }
    }

    /// <summary>SafeFile's temporaries (".name.pid.guid.tmp") of this run's files: only a killed writer leaves them,
    /// and no other writer can be at work while the lock is held.</summary>
    private void RemoveStaleTemporaries()
    {
        foreach (string file in Outputs(withConfig: true).Append(Path.Combine(Directory, RunLock.OwnerName)))
        {
            string folder = Path.GetDirectoryName(file)!;
            if (!System.IO.Directory.Exists(folder))
            {
                continue;
            }
            foreach (string temp in System.IO.Directory.EnumerateFiles(folder, $".{Path.GetFileName(file)}.*.tmp"))
            {
                File.Delete(temp);
            }
        }
    }

    public void Dispose() => _lock.Dispose();
}
