using Simulator.Core;
using Simulator.Driving.Scenes;
using Simulator.Driving.Snapshots;
using Simulator.Learning.Driving;
using Simulator.Learning.Env;
using Simulator.Learning.Imitation;
using Simulator.Recording;
using Simulator.Viewer.Export;

namespace Simulator.Cli.Datasets;

/// <summary>
/// `bc.demos` for `sim train`: recordings, demonstrations files and dataset folders as one <see cref="BcDataset"/> in
/// the training observation's layout (camera-only observations). A recording is replayed and rendered from the
/// training camera (<paramref name="camera"/>: its mount on the recorded ego, its field of view, the observation's
/// size, with the recording's jitter and noise as the sensor path applies them), one sample every
/// <c>actionRepeat</c> steps, labelled with the action the ego applied in the step after the frame. Imported frames (JPEG from other simulators) are resized bilinearly to the observation's
/// size; their colours and camera placement are theirs, not this simulator's.
/// </summary>
internal static class DemoSources
{
    /// <param name="camera">The training scenes' camera sensor (null: the recording's own agent camera).</param>
    public static BcDataset Load(IReadOnlyList<string> entries, ObservationSpec spec, int frameStack, DrivingActionMode mode, int actionRepeat,
        SensorSpec? camera)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(spec);
        DemoSet.RequireCameraOnly(spec); // before any replay
        var parts = new List<BcDataset>();
        foreach (string entry in entries)
        {
            foreach (DemoSet set in Read(entry, spec, actionRepeat, camera))
            {
                parts.Add(set.ToBcDataset(spec, frameStack, mode));
            }
        }
        return Concat(parts);
    }

    private static IEnumerable<DemoSet> Read(string entry, ObservationSpec spec, int actionRepeat, SensorSpec? camera)
    {
        if (Directory.Exists(entry))
        {
            if (DatasetExport.Detect(entry) is { } format)
            {
                yield return DatasetExport.Read(entry, format);
                yield break;
            }
            string[] files = [.. Directory.GetFiles(entry, "*.mcap").Concat(Directory.GetFiles(entry, "*.demos")).Order(StringComparer.Ordinal)];
            if (files.Length == 0)
            {
                throw new SimInputException($"'{entry}' holds no recording (*.mcap), demonstrations file (*.demos) or dataset", path: "bc.demos");
            }
            foreach (string file in files)
            {
                yield return ReadFile(file, spec, actionRepeat, camera);
            }
            yield break;
        }
        SafeFile.RequireReadableFile(entry, "bc.demos");
        yield return ReadFile(entry, spec, actionRepeat, camera);
    }

    private static DemoSet ReadFile(string file, ObservationSpec spec, int actionRepeat, SensorSpec? camera)
    {
        if (!file.EndsWith(".mcap", StringComparison.OrdinalIgnoreCase))
        {
            return DemoSet.Load(file);
        }
        using var recording = EpisodeRecording.Open(file);
        using var session = new ReplaySession(recording);
        using var renderer = new FrameRenderer(spec.Width, spec.Height, ExportView.Agent, hud: false)
        {
            PoseOverride = camera?.Camera is null ? null : _ => CameraSnapshot.Mounted(camera, session.Env.Ego.Body.State).Pose,
        };
        return DatasetExport.ToDemoSet(new ReplayEpisodeSource(session), renderer, actionRepeat, file);
    }

    public static BcDataset Concat(IReadOnlyList<BcDataset> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }
        int count = parts.Sum(p => p.Count);
        BcDataset.CheckFits(count, count == 0 ? 0 : parts.Sum(p => (long)(p.Images?.Length ?? 0)) / count, "bc.demos and bc.demo_steps together");
        byte[]? images = parts.Any(p => p.Images is not null) ? new byte[parts.Sum(p => p.Images?.Length ?? 0)] : null;
        float[]? vectors = parts.Any(p => p.Vectors is not null) ? new float[parts.Sum(p => p.Vectors?.Length ?? 0)] : null;
        var actions = new float[parts.Sum(p => p.Actions.Length)];
        int i = 0, v = 0, a = 0;
        foreach (BcDataset p in parts)
        {
            p.Images?.CopyTo(images!, i);
            i += p.Images?.Length ?? 0;
            p.Vectors?.CopyTo(vectors!, v);
            v += p.Vectors?.Length ?? 0;
            p.Actions.CopyTo(actions, a);
            a += p.Actions.Length;
        }
        return new BcDataset(count, images, vectors, actions);
    }
}
