using Simulator.Core;
using Simulator.Learning.Imitation;
using Simulator.Viewer.Export;

namespace Simulator.Cli.Datasets;

/// <summary>
/// Walks episodes and turns them into dataset samples: a frame every <c>stride</c> steps (rendered from the
/// <see cref="FrameRenderer"/>'s view, no HUD), labelled with the action of the step that follows the frame, i.e. the
/// action taken while seeing it. The episode's last state has no following action and is left out.
/// </summary>
internal static class DatasetExport
{
    /// <summary>Samples per simulated second in exported datasets (Donkey Car's drive loop rate; every 3rd step at 60 Hz).</summary>
    public const int SampleHz = 20;

    public static int Stride(int hz) => Math.Max(1, (int)Math.Round(hz / (double)SampleHz));

    /// <summary>Writes one episode's samples; returns how many.</summary>
    public static int Write(IEpisodeSource source, int episode, FrameRenderer renderer, IDatasetWriter writer, int stride)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(writer);
        var frames = new byte[1 + writer.SideOffsets.Count][];
        int count = 0;
        Walk(source, stride, (snapshotTime, speed, action) =>
        {
            writer.Add(new DatasetSample(episode, count, snapshotTime, action.Steer, action.Accel, speed), frames);
            count++;
        }, () =>
        {
            frames[0] = renderer.Render(source.Snapshot, default).ToArray();
            for (int k = 0; k < writer.SideOffsets.Count; k++)
            {
                frames[k + 1] = renderer.Render(source.Snapshot, default, writer.SideOffsets[k]).ToArray();
            }
        });
        return count;
    }

    /// <summary>One episode as demonstrations: the renderer's frames as RGB8 with the actions taken from them.</summary>
    public static DemoSet ToDemoSet(IEpisodeSource source, FrameRenderer renderer, int stride, string name)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        var builder = new DemoBuilder();
        var rgb = new byte[renderer.Width * renderer.Height * 3];
        Walk(source, stride, (_, _, action) => builder.Add(renderer.Width, renderer.Height, rgb, action.Steer, action.Accel, name), () =>
        {
            ReadOnlySpan<byte> rgba = renderer.Render(source.Snapshot, default);
            for (int p = 0; p < rgb.Length / 3; p++)
            {
                rgb[3 * p] = rgba[4 * p];
                rgb[3 * p + 1] = rgba[4 * p + 1];
                rgb[3 * p + 2] = rgba[4 * p + 2];
            }
        });
        return builder.Build(name);
    }

    private static void Walk(IEpisodeSource source, int stride, Action<double, double, Driving.Env.DrivingAction> sample, Action render)
    {
        source.Seek(0);
        int hz = source.Hz > 0 ? source.Hz : 60;
        while (true)
        {
            double time = source.Step / (double)hz, speed = source.Info.Speed;
            render();
            if (!source.StepForward())
            {
                return;
            }
            sample(time, speed, source.LastAction);
            for (int s = 1; s < stride; s++)
            {
                if (!source.StepForward())
                {
                    return;
                }
            }
        }
    }

    /// <summary>Reads a dataset folder of the given layout.</summary>
    public static DemoSet Read(string folder, DatasetFormat format)
    {
        if (!Directory.Exists(folder))
        {
            throw new SimInputException($"folder '{folder}' does not exist", file: folder);
        }
        return format == DatasetFormat.Donkey ? DonkeyTub.Read(folder) : UdacityDataset.Read(folder);
    }

    /// <summary>The layout a folder holds, by its index file; null when neither.</summary>
    public static DatasetFormat? Detect(string folder) =>
        File.Exists(Path.Combine(folder, UdacityDataset.Log)) ? DatasetFormat.Udacity
        : File.Exists(Path.Combine(folder, "manifest.json")) ? DatasetFormat.Donkey : null;
}
