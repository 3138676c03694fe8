using SkiaSharp;

namespace Simulator.Viewer;

/// <summary>The DejaVu faces the viewer draws text with, loaded from their files (the Skia build has no fontconfig).</summary>
public static class ViewerFonts
{
    public const string SansPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    public const string MonoPath = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";

    private static readonly Lazy<SKTypeface> s_sans = new(() => Load(SansPath));
    private static readonly Lazy<SKTypeface> s_mono = new(() => Load(MonoPath));

    public static SKTypeface Sans => s_sans.Value;
    public static SKTypeface Mono => s_mono.Value;

    private static SKTypeface Load(string path) =>
        SKTypeface.FromFile(path) ?? throw new Simulator.Core.SimInputException(
            $"cannot load the font {path}", hint: "install fonts-dejavu-core (./sim does)");
}
