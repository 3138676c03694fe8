using System.CommandLine;
using System.Globalization;
using Simulator.Cli.Datasets;
using Simulator.Core;
using Simulator.Learning.Imitation;
using Simulator.Recording;
using Simulator.Viewer.Export;

namespace Simulator.Cli.Commands;

/// <summary>Camera of `sim dataset export`.</summary>
internal enum DatasetCamera
{
    Agent,
    Chase,
}

/// <summary>`sim dataset export|import`: recordings to Udacity/Donkey datasets, and such datasets to demonstrations.</summary>
internal static class DatasetCommand
{
    public static Command Create()
    {
        var cmd = new Command("dataset", "Convert recordings to driving datasets (Udacity simulator, Donkey Car tub) and datasets to demonstrations for sim train; render labelled perception datasets");
        cmd.Subcommands.Add(Export());
        cmd.Subcommands.Add(Import());
        cmd.Subcommands.Add(PerceptionDatasetCommand.Create());
        return cmd;
    }

    private static Command Export()
    {
        var files = new Argument<string[]>("FILES") { Description = "Recordings (.mcap) written with --record", Arity = ArgumentArity.OneOrMore };
        var format = new Option<DatasetFormat>("--format") { Description = "Dataset layout", Required = true };
        var outDir = CommonOptions.OutputFolder("--out", "Folder to write (created; must be empty)");
        outDir.Required = true;
        var camera = new Option<DatasetCamera>("--camera") { Description = "The agent's camera (its sensor, or a bonnet camera) or the chase camera", DefaultValueFactory = _ => DatasetCamera.Agent };
        var size = CommonOptions.Size("--size", "Image size (default: 320x160 for udacity, 160x120 for donkey)", null, 16, 4096);
        var cmd = new Command("export", $"Replay recordings and write their frames ({DatasetExport.SampleHz} per simulated second) and actions as a dataset folder")
        {
            files, format, outDir, camera, size,
        };
        cmd.SetAction(parse =>
        {
            DatasetFormat f = parse.GetValue(format);
            var (w, h) = parse.GetValue(size) is { } s ? CommonOptions.ParseSize(s, "--size", 16, 4096) : DefaultSize(f);
            string folder = parse.GetValue(outDir)!;
            string[] paths = parse.GetValue(files)!;
            RequireEmpty(folder);
            foreach (string p in paths)
            {
                SafeFile.RequireReadableFile(p, "FILES");
            }
            var recordings = new List<EpisodeRecording>();
            var sessions = new List<ReplaySession>();
            try
            {
                var sources = new List<IEpisodeSource>();
                foreach (string p in paths)
                {
                    var recording = EpisodeRecording.Open(p);
                    recordings.Add(recording);
                    if (recording.RecoveryWarning is { } warning)
                    {
                        parse.InvocationConfiguration.Error.WriteLine($"sim: warning: {p}: {warning}");
                    }
                    var session = new ReplaySession(recording);
                    sessions.Add(session);
                    sources.Add(new ReplayEpisodeSource(session));
                }
                DateTimeOffset created = recordings[0].Header.CreatedUtc;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                int samples = ExportSources(sources, f, folder, parse.GetValue(camera) == DatasetCamera.Chase ? ExportView.Chase : ExportView.Agent, w, h, created);
                new Output(parse).Line(string.Create(CultureInfo.InvariantCulture,
                    $"wrote {samples} samples of {paths.Length} recording(s) as a {f.ToString().ToLowerInvariant()} dataset ({w}x{h}) to {folder} in {clock.Elapsed.TotalSeconds:0.0} s"));
            }
            finally
            {
                sessions.ForEach(x => x.Dispose());
                recordings.ForEach(x => x.Dispose());
            }
            return 0;
        });
        return cmd;
    }

    private static Command Import()
    {
        var folder = new Argument<string>("DIR") { Description = "A Udacity simulator recording folder (driving_log.csv, IMG/) or a Donkey tub (manifest.json, catalogs, images/)" };
        var format = new Option<DatasetFormat?>("--format") { Description = "Dataset layout (default: detected from the folder)" };
        var outFile = CommonOptions.OutputFile("--out", "Demonstrations file to write (for bc.demos in a trainer config)", required: true);
        var cmd = new Command("import", "Read a Udacity or Donkey dataset into a demonstrations file (camera frames and actions) for behaviour cloning")
        {
            folder, format, outFile,
        };
        cmd.SetAction(parse =>
        {
            string dir = parse.GetValue(folder)!;
            DatasetFormat f = parse.GetValue(format) ?? DatasetExport.Detect(dir)
                ?? throw new SimInputException($"'{dir}' holds neither driving_log.csv nor manifest.json", file: dir, hint: "give --format udacity|donkey and the dataset's folder");
            DemoSet set = DatasetExport.Read(dir, f);
            string path = parse.GetValue(outFile)!;
            set.Save(path);
            new Output(parse).Line(string.Create(CultureInfo.InvariantCulture,
                $"wrote {set.Count} samples in {set.EpisodeStarts.Length} episode(s), {set.Width}x{set.Height} RGB, to {path}"));
            return 0;
        });
        return cmd;
    }

    private static void RequireEmpty(string folder)
    {
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new SimInputException($"'{folder}' is not empty", path: "--out", hint: "give a new or empty folder");
        }
    }

    public static (int Width, int Height) DefaultSize(DatasetFormat format) => format == DatasetFormat.Donkey ? (160, 120) : (320, 160);

    /// <summary>Writes the episodes as one dataset; returns the sample count.</summary>
    public static int ExportSources(IReadOnlyList<IEpisodeSource> sources, DatasetFormat format, string folder, ExportView view, int width, int height, DateTimeOffset created)
    {
        RequireEmpty(folder);
        Directory.CreateDirectory(folder);
        IDatasetWriter writer = format == DatasetFormat.Donkey ? new DonkeyTub(folder, width, height, created) : new UdacityDataset(folder, width, height);
        using var renderer = new FrameRenderer(width, height, view, hud: false);
        int samples = 0;
        for (int e = 0; e < sources.Count; e++)
        {
            samples += DatasetExport.Write(sources[e], e, renderer, writer, DatasetExport.Stride(sources[e].Hz));
        }
        writer.Complete();
        return samples;
    }
}
