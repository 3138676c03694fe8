using Simulator.Core;

namespace Simulator.Viewer.Export;

/// <summary>Containers the exporter writes through ffmpeg, chosen by the file's extension.</summary>
public enum VideoFormat
{
    /// <summary>H.264 (libx264, yuv420p, CRF 20) in MP4, 30 frames/s at 60 Hz; width and height must be even.</summary>
    Mp4,
    /// <summary>GIF with a palette computed from the whole clip (palettegen/paletteuse), 20 frames/s at 60 Hz (GIF
    /// delays are whole centiseconds: 30 frames/s would play at 33.3).</summary>
    Gif,
}

public static class VideoFormats
{
    /// <summary>The format of <paramref name="path"/> by its extension; anything else is a <see cref="SimInputException"/>.</summary>
    public static VideoFormat Of(string path, string option = "--export")
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".mp4" => VideoFormat.Mp4,
            ".gif" => VideoFormat.Gif,
            _ => throw new SimInputException($"cannot export '{path}': unknown video format '{(ext.Length == 0 ? "(no extension)" : ext)}'",
                path: option, hint: "use a file name ending in .mp4 or .gif"),
        };
    }

    /// <summary>The frame rate the format is written at (before dividing the simulation rate into whole steps).</summary>
    public static int TargetFps(VideoFormat format) => format == VideoFormat.Gif ? 20 : 30;
}
