using SkiaSharp;

namespace Simulator.Viewer.Training;

/// <summary>
/// The one font the training panels draw with, loaded from its file: the Skia build used here has no fontconfig, so
/// a family name alone finds nothing. ScottPlot gets it registered under a name of its own (its registry is global,
/// so the name is added once and nothing else there is changed).
/// </summary>
internal static class PanelFonts
{
    public const string Path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    public const string PlotFontName = "Simulator DejaVu Sans";

    private static readonly Lazy<SKTypeface> s_typeface = new(() => SKTypeface.FromFile(Path)
        ?? throw new FileNotFoundException($"the panel font {Path} is missing; install fonts-dejavu-core", Path));

    private static readonly Lazy<string> s_plotFont = new(() =>
    {
        _ = s_typeface.Value; // a clear error when the file is missing
        ScottPlot.Fonts.AddFontFile(PlotFontName, Path, bold: false, italic: false);
        ScottPlot.Fonts.AddFontFile(PlotFontName, Path, bold: true, italic: false);
        return PlotFontName;
    });

    public static SKTypeface Typeface => s_typeface.Value;

    /// <summary>The family name to give ScottPlot (registers the file on first use).</summary>
    public static string PlotFont => s_plotFont.Value;
}
