using ScottPlot;
using Simulator.Core;
using SkiaSharp;

namespace Simulator.Learning.Runs;

/// <summary>
/// Learning curves as PNG pictures, drawn with ScottPlot: <see cref="WriteRun"/> draws a run folder's curves.png
/// (episode return, clean-lap rate with the evaluation mean speed, losses and env steps/s against env steps, from metrics.csv and eval.csv) and
/// <see cref="WriteComparison"/> one metric of several runs on one chart. Files go through <see cref="SafeFile"/>.
/// </summary>
public static class RunPlots
{
    public const string FileName = "curves.png";
    public const int RunWidth = 1200, RunHeight = 900;

    /// <summary>The font file ScottPlot draws with: the Skia build used here has no fontconfig, so it is registered by path.</summary>
    public const string FontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    private const string FontName = "Simulator Curves DejaVu Sans";

    private static readonly Lazy<string> s_font = new(() =>
    {
        if (!File.Exists(FontPath))
        {
            throw new SimInputException("the plot font is missing", file: FontPath, hint: "install fonts-dejavu-core");
        }
        ScottPlot.Fonts.AddFontFile(FontName, FontPath, bold: false, italic: false);
        ScottPlot.Fonts.AddFontFile(FontName, FontPath, bold: true, italic: false);
        return FontName;
    });

    /// <summary>Metrics that live in eval.csv (the rest are read from metrics.csv).</summary>
    public static readonly string[] EvalMetrics = ["lap_completion", "off_road_rate", "collisions_per_km", "mean_speed", "eval_mean_return"];

    /// <summary>Draws &lt;folder&gt;/curves.png from the folder's metrics (empty panels before the first rows); returns its path.</summary>
    public static string WriteRun(string folder)
    {
        RunCsv? metrics = RunCsv.TryRead(Path.Combine(folder, "metrics.csv"));
        RunCsv? evals = RunCsv.TryRead(Path.Combine(folder, "eval.csv"));
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        Plot[] plots =
        [
            NewPlot($"{name}: episode return", "return"),
            NewPlot("evaluation: clean-lap rate and mean speed", "share of episodes"),
            NewPlot("losses", "policy, entropy"),
            NewPlot("env steps/s", "steps/s"),
        ];
        AddLine(plots[0], metrics, "mean_return", "training episodes", Colors.SteelBlue);
        AddLine(plots[0], evals, "mean_return", "evaluation", Colors.DarkOrange, markers: true);
        AddLine(plots[1], evals, "lap_completion", "clean laps", Colors.ForestGreen, markers: true);
        plots[1].Axes.SetLimitsY(-0.02, 1.02);
        // Speed on the right: at equal clean-lap rates (a teacher beaten on lap time) it is what moves.
        var speed = AddLine(plots[1], evals, "mean_speed", "mean speed, m/s (right)", Colors.DarkCyan, markers: true);
        if (speed != null)
        {
            speed.Axes.YAxis = plots[1].Axes.Right;
            plots[1].Axes.Right.Label.Text = "mean speed (m/s)";
        }
        AddLine(plots[2], metrics, "policy_loss", "policy", Colors.SteelBlue);
        AddLine(plots[2], metrics, "entropy", "entropy", Colors.Purple);
        var value = AddLine(plots[2], metrics, "value_loss", "value (right)", Colors.Crimson);
        if (value != null)
        {
            value.Axes.YAxis = plots[2].Axes.Right;
            plots[2].Axes.Right.Label.Text = "value loss";
        }
        AddLine(plots[3], metrics, "steps_per_second", "steps/s", Colors.Gray);
        foreach (Plot p in plots)
        {
            if (p.GetPlottables().Any(x => x.LegendItems.Any(l => !string.IsNullOrEmpty(l.LabelText))))
            {
                p.ShowLegend(Alignment.LowerRight);
            }
        }
        string path = Path.Combine(folder, FileName);
        SafeFile.WriteAllBytes(path, RenderGrid(plots, RunWidth, RunHeight));
        return path;
    }

    /// <summary>
    /// One chart of <paramref name="metric"/> (a column of metrics.csv, or of eval.csv for <see cref="EvalMetrics"/>;
    /// eval_mean_return is eval.csv's mean_return) against env steps, one line per run folder.
    /// </summary>
    public static void WriteComparison(IReadOnlyList<string> runs, string metric, string output, int width = 1000, int height = 600)
    {
        if (runs.Count == 0)
        {
            throw new SimInputException("no runs to compare", hint: "pass one or more run folders");
        }
        bool fromEval = EvalMetrics.Contains(metric);
        string file = fromEval ? "eval.csv" : "metrics.csv";
        string column = metric == "eval_mean_return" ? "mean_return" : metric;
        Plot plot = NewPlot($"{metric} against env steps", metric);
        Color[] palette = new ScottPlot.Palettes.Category10().Colors;
        for (int i = 0; i < runs.Count; i++)
        {
            string run = runs[i];
            if (!Directory.Exists(run))
            {
                throw new SimInputException("run folder not found", file: run, hint: "pass folders written by sim train, e.g. runs/<name>");
            }
            string path = Path.Combine(run, file);
            RunCsv csv = RunCsv.TryRead(path)
                ?? throw new SimInputException($"the run has no {file} (no {(fromEval ? "evaluation" : "iteration")} yet)", file: path,
                    hint: fromEval ? "runs write eval.csv at each evaluation (eval.every)" : "runs write metrics.csv after each PPO iteration");
            if (csv.IndexOf(column) < 0)
            {
                throw new SimInputException($"unknown metric '{metric}'", file: path, path: "--metric",
                    hint: "use one of: " + string.Join(", ", csv.Columns.Where(c => c is not ("iteration" or "total_steps"))) + (fromEval ? "" : ", " + string.Join(", ", EvalMetrics)));
            }
            if (csv.Series(column).Steps.Length == 0)
            {
                throw new SimInputException($"the run has no finite {metric} values yet", file: path,
                    hint: fromEval ? "runs write eval.csv at each evaluation (eval.every)" : "runs write metrics.csv after each PPO iteration");
            }
            string label = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(run)));
            AddLine(plot, csv, column, label, palette[i % palette.Length], markers: fromEval);
        }
        if (metric is "lap_completion" or "off_road_rate")
        {
            plot.Axes.SetLimitsY(-0.02, 1.02);
        }
        plot.ShowLegend(Alignment.LowerRight);
        SafeFile.WriteAllBytes(output, RenderGrid([plot], width, height), createFolder: true);
    }

    private static Plot NewPlot(string title, string yLabel)
    {
        var plot = new Plot();
        plot.RenderManager.ClearCanvasBeforeEachRender = false; // several plots share one canvas (cleared once)
        plot.Font.Set(s_font.Value);
        plot.Title(title);
        plot.XLabel("env steps");
        plot.YLabel(yLabel);
        return plot;
    }

    private static ScottPlot.Plottables.Scatter? AddLine(Plot plot, RunCsv? csv, string column, string label, Color color, bool markers = false)
    {
        if (csv is null)
        {
            return null;
        }
        var (xs, ys) = csv.Series(column);
        if (xs.Length == 0)
        {
            return null;
        }
        var line = plot.Add.Scatter(xs, ys, color);
        line.LegendText = label;
        line.LineWidth = 2;
        line.MarkerSize = markers ? 6 : 0;
        return line;
    }

    /// <summary>Renders the plots into a grid (2 columns when there are several) and encodes it as PNG.</summary>
    private static byte[] RenderGrid(Plot[] plots, int width, int height)
    {
        int columns = plots.Length > 1 ? 2 : 1;
        int rows = (plots.Length + columns - 1) / columns;
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new SimRuntimeException("could not create a drawing surface for the plots");
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        float w = (float)width / columns, h = (float)height / rows;
        for (int i = 0; i < plots.Length; i++)
        {
            float left = i % columns * w, top = i / columns * h;
            plots[i].Render(canvas, new PixelRect(left, left + w, top + h, top));
        }
        using SKImage image = surface.Snapshot();
        using SKData png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
