using ScottPlot;
using ScottPlot.Plottables;
using SkiaSharp;

namespace Simulator.Viewer.Training;

public sealed partial class TrainingPlotsPanel
{
    // Colours readable over a dark, slightly transparent backdrop drawn above the 3D view.
    private static readonly SKColor s_background = new(24, 26, 30, 224);
    private static readonly SKColor s_text = new(230, 230, 230);
    internal static readonly Color s_return = new(80, 200, 120);
    internal static readonly Color s_cleanLap = new(255, 170, 40);
    internal static readonly Color s_policy = new(80, 150, 255);
    internal static readonly Color s_entropy = new(200, 110, 255);
    internal static readonly Color s_value = new(255, 80, 80);
    internal static readonly Color s_rate = new(60, 210, 220);

    private static Plot CreatePlot(string title)
    {
        var plot = new Plot();
        plot.RenderManager.ClearCanvasBeforeEachRender = false;
        plot.Font.Set(PanelFonts.PlotFont);
        plot.FigureBackground.Color = Colors.Transparent;
        plot.DataBackground.Color = new Color(0, 0, 0, 60);
        plot.Axes.Color(new Color(210, 210, 210));
        plot.Grid.MajorLineColor = new Color(255, 255, 255, 30);
        plot.Title(title, size: 13);
        plot.Axes.Title.Label.ForeColor = new Color(235, 235, 235);
        foreach (IAxis axis in new IAxis[] { plot.Axes.Left, plot.Axes.Bottom, plot.Axes.Right })
        {
            axis.TickLabelStyle.FontSize = 10;
        }
        var ticks = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = ShortNumber };
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = ShortNumber };
        plot.Axes.Right.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = ShortNumber };
        plot.Legend.FontSize = 10;
        plot.Legend.BackgroundColor = new Color(24, 26, 30, 120);
        plot.Legend.FontColor = new Color(230, 230, 230);
        plot.Legend.OutlineColor = new Color(120, 120, 120, 120);
        return plot;
    }

    /// <summary>1.5M, 250k, 0.25: short tick labels for small plots.</summary>
    internal static string ShortNumber(double v)
    {
        double a = Math.Abs(v);
        var c = System.Globalization.CultureInfo.InvariantCulture;
        return a >= 1e9 ? (v / 1e9).ToString("0.##", c) + "G"
            : a >= 1e6 ? (v / 1e6).ToString("0.##", c) + "M"
            : a >= 1e4 ? (v / 1e3).ToString("0.#", c) + "k"
            : a >= 100 ? v.ToString("0", c)
            : v.ToString("0.###", c);
    }

    /// <summary>One line: preallocated x (env steps) and y arrays holding the finite points of one metric.</summary>
    private sealed class PlotSeries
    {
        private readonly string _label;
        private readonly Color _color;
        private readonly Func<TrainingMetricsPoint, double> _value;
        private readonly double[] _xs, _ys;
        private readonly bool _rightAxis;
        private Scatter? _line;

        public PlotSeries(int plotIndex, string label, Color color, Func<TrainingMetricsPoint, double> value, int capacity, bool rightAxis = false)
        {
            PlotIndex = plotIndex;
            _label = label;
            _color = color;
            _value = value;
            _xs = new double[capacity];
            _ys = new double[capacity];
            _rightAxis = rightAxis;
        }

        public int PlotIndex { get; }

        public void AddTo(Plot plot)
        {
            _line = plot.Add.ScatterLine(_xs, _ys, _color);
            _line.LineWidth = 2;
            _line.LegendText = PlotIndex == 2 ? _label : "";
            if (_rightAxis)
            {
                _line.Axes.YAxis = plot.Axes.Right;
            }
            if (PlotIndex == 2)
            {
                plot.ShowLegend(Alignment.UpperRight);
            }
        }

        /// <summary>Takes the finite points of this metric; returns how many.</summary>
        public int Fill(ReadOnlySpan<TrainingMetricsPoint> points)
        {
            int n = 0;
            for (int i = 0; i < points.Length && n < _xs.Length; i++)
            {
                double y = _value(points[i]);
                if (double.IsFinite(y))
                {
                    _xs[n] = points[i].TotalSteps;
                    _ys[n] = y;
                    n++;
                }
            }
            _line!.IsVisible = n > 0;
            _line.MaxRenderIndex = Math.Max(0, n - 1);
            return n;
        }
    }
}
