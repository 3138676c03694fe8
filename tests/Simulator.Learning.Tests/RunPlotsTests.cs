using Simulator.Core;
using Simulator.Learning.Driving;
using Simulator.Learning.Runs;
using SkiaSharp;

namespace Simulator.Learning.Tests;

/// <summary>Learning-curve PNGs: a run's curves.png drawn at each evaluation, and comparisons of several runs.</summary>
public sealed class RunPlotsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sim-plots-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Decodes the PNG and checks that every cell of its grid (2×2, or the one chart) has drawing in it.</summary>
    private static (int Width, int Height) Decode(string path, int cells = 4)
    {
        using SKBitmap? bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        int columns = cells > 1 ? 2 : 1, rows = cells > 1 ? 2 : 1;
        int cw = bitmap.Width / columns, ch = bitmap.Height / rows;
        for (int cell = 0; cell < cells; cell++)
        {
            // Not blank: a white background with drawn axes, lines and text.
            int dark = 0;
            for (int y = cell / columns * ch; y < (cell / columns + 1) * ch; y += 3)
            {
                for (int x = cell % columns * cw; x < (cell % columns + 1) * cw; x += 3)
                {
                    SKColor c = bitmap.GetPixel(x, y);
                    dark += c.Red + c.Green + c.Blue < 300 ? 1 : 0;
                }
            }
            Assert.True(dark > 100, $"only {dark} dark pixels in cell {cell} of {path}");
        }
        return (bitmap.Width, bitmap.Height);
    }

    private string TrainedRun(string name, long steps)
    {
        string dir = Path.Combine(_dir, name);
        using var folder = RunFolder.Create(dir, TrainingRunTests.Config(steps));
        using var run = new TrainingRun(TrainingRunTests.Config(steps), folder, new PointReachEnv(4), new TrainingHooks(), resume: false);
        run.Run();
        Assert.Null(run.PlotError);
        Assert.Equal(1, run.PlotRefreshes); // no evaluation hook: drawn once at the end
        return dir;
    }

    [Fact]
    public void Driving_run_redraws_its_curves_at_each_evaluation()
    {
        var config = TrainerConfigYaml.Load(TrainerConfigTests.RepoFile("models", "configs", "tiny-test.yaml"));
        string dir = Path.Combine(_dir, "tiny");
        using var folder = RunFolder.Create(dir, config);
        var scenes = TrainingScenes.Training(config, n => throw new InvalidOperationException(n), config.Envs);
        var evalScenes = TrainingScenes.Evaluation(config, n => throw new InvalidOperationException(n));
        using var env = new DrivingVectorEnv(scenes, config.Actions);
        var hooks = new TrainingHooks
        {
            Demonstrations = () => DemonstrationCollector.Collect(scenes, config.Bc.DemoSteps, 1, config.Actions),
            Evaluate = p => PolicyEvaluator.Run(p, evalScenes, new EvalSettings { Episodes = 1, MaxSteps = config.Eval.MaxSteps }),
        };
        using var run = new TrainingRun(config, folder, env, hooks, resume: false);
        var pictures = new List<byte[]>();
        run.Progress += p =>
        {
            if (p.Note is "evaluated" or "new best" || (p.Note ?? "").StartsWith("behaviour cloning", StringComparison.Ordinal))
            {
                pictures.Add(File.ReadAllBytes(folder.PlotsPath));
            }
        };
        run.Run();
        Assert.Null(run.PlotError);
        Assert.Equal(4, run.PlotRefreshes); // after the warm start's evaluation, at steps 32 and 64, and at the end
        Assert.Equal(3, pictures.Count);
        Assert.NotEqual(pictures[0], pictures[1]);
        Assert.NotEqual(pictures[1], pictures[2]);
        Assert.Equal((RunPlots.RunWidth, RunPlots.RunHeight), Decode(folder.PlotsPath));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Runs_without_evaluations_get_their_curves_at_the_end_and_restart_removes_them()
    {
        string dir = TrainedRun("a", 160);
        Assert.Equal((RunPlots.RunWidth, RunPlots.RunHeight), Decode(Path.Combine(dir, RunPlots.FileName)));
        using (var again = RunFolder.Create(dir, TrainingRunTests.Config(64), restart: true))
        {
            Assert.False(File.Exists(again.PlotsPath));
        }
    }

    [Fact]
    public void Compare_draws_several_runs_and_refuses_bad_input()
    {
        string a = TrainedRun("a", 160), b = TrainedRun("b", 240);
        string png = Path.Combine(_dir, "out", "compare.png");
        RunPlots.WriteComparison([a, b], "mean_return", png);
        Assert.Equal((1000, 600), Decode(png, cells: 1));
        RunPlots.WriteComparison([a, b], "value_loss", png, 640, 480);
        Assert.Equal((640, 480), Decode(png, cells: 1));

        string missing = Path.Combine(_dir, "nope");
        var e = Assert.Throws<SimInputException>(() => RunPlots.WriteComparison([a, missing], "mean_return", png));
        Assert.Equal(missing, e.File);
        e = Assert.Throws<SimInputException>(() => RunPlots.WriteComparison([a], "speed_of_light", png));
        Assert.Contains("speed_of_light", e.Problem);
        Assert.Contains("value_loss", e.Hint);
        // These runs had no evaluation: a metric of eval.csv names the missing file.
        e = Assert.Throws<SimInputException>(() => RunPlots.WriteComparison([a], "lap_completion", png));
        Assert.Equal(Path.Combine(a, "eval.csv"), e.File);
        Assert.Throws<SimInputException>(() => RunPlots.WriteComparison([], "mean_return", png));
    }

    [Fact]
    public void Csv_reader_skips_a_torn_last_line_and_keeps_non_finite_cells_out_of_series()
    {
        string path = Path.Combine(_dir, "metrics.csv");
        File.WriteAllText(path, "iteration,total_steps,mean_return\n1,8,NaN\n2,16,-3.5\n3,24,-2\n4,3");
        RunCsv csv = RunCsv.TryRead(path)!;
        Assert.Equal(3, csv.Rows.Count);
        var (steps, values) = csv.Series("mean_return");
        Assert.Equal([16.0, 24.0], steps);
        Assert.Equal([-3.5, -2.0], values);
        Assert.Empty(csv.Series("nothing").Steps);
        Assert.Null(RunCsv.TryRead(Path.Combine(_dir, "none.csv")));
    }
}
