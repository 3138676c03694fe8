using System.Globalization;
using Simulator.Core;

namespace Simulator.Learning.Runs;

/// <summary>
/// The files of one training run:
/// <code>
/// config.yaml               resolved config, seed and version (written first, atomically)
/// checkpoints/latest.pt     newest checkpoint (atomic); --resume continues from it
/// checkpoints/best.pt       best by evaluation lap completion, then mean return
/// metrics.csv               one row per PPO iteration (append-only, flushed)
/// eval.csv                  one row per evaluation
/// events.out.tfevents.*     TensorBoard scalars
/// </code>
/// </summary>
public sealed class RunFolder
{
    private RunFolder(string directory)
    {
        Directory = Path.GetFullPath(directory);
    }

    public string Directory { get; }
    public string ConfigPath => Path.Combine(Directory, "config.yaml");
    public string CheckpointDirectory => Path.Combine(Directory, "checkpoints");
    public string LatestPath => Path.Combine(CheckpointDirectory, "latest.pt");
    public string BestPath => Path.Combine(CheckpointDirectory, "best.pt");
    public string MetricsPath => Path.Combine(Directory, "metrics.csv");
    public string EvalPath => Path.Combine(Directory, "eval.csv");
    public string EventsPath => Path.Combine(Directory, TensorBoardWriter.FileName());

    /// <summary>Starts a new run: refuses a folder that already holds one, then writes the resolved config first.</summary>
    public static RunFolder Create(string directory, TrainerConfig config)
    {
        var folder = new RunFolder(directory);
        if (File.Exists(folder.ConfigPath))
        {
            throw new SimInputException("the run folder already holds a run", file: folder.ConfigPath,
                hint: "pass --resume to continue it, or --out to start a new one elsewhere");
        }
        System.IO.Directory.CreateDirectory(folder.CheckpointDirectory);
        string header = string.Create(CultureInfo.InvariantCulture,
            $"# Resolved training config: every setting this run uses.\n# seed: {config.Seed}\n# version: {RunInfo.Version}\n");
        SafeFile.WriteAllText(folder.ConfigPath, header + TrainerConfigYaml.Write(config));
        return folder;
    }

    /// <summary>Opens a run to resume: its recorded config and its latest checkpoint must both be there.</summary>
    public static (RunFolder Folder, TrainerConfig Config) Resume(string directory)
    {
        var folder = new RunFolder(directory);
        if (!File.Exists(folder.ConfigPath))
        {
            throw new SimInputException("no run to resume here (config.yaml missing)", file: folder.ConfigPath,
                hint: "pass --out with the folder of an earlier run, or start a new run without --resume");
        }
        if (!File.Exists(folder.LatestPath))
        {
            throw new SimInputException("the run has no checkpoint to resume from", file: folder.LatestPath,
                hint: "start the run again without --resume");
        }
        return (folder, TrainerConfigYaml.Load(folder.ConfigPath));
    }
}
