using Simulator.Driving.Snapshots;
using Simulator.Learning.Driving;
using Simulator.Learning.Env;

namespace Simulator.Viewer.Training;

public sealed partial class TrainingFeed
{
    private long _envsVersion;

    // Copies the watched envs' frames, counters and snapshots into the back tile set and publishes it. Reading the
    // images waits for the step's render, which the trainer would wait for a moment later anyway.
    private void PublishEnvs(IVectorEnv env, DrivingVectorEnv? driving, int watched)
    {
        EnvTileSet set = Envs.Back;
        ObservationSpec spec = env.ObservationSpec;
        ReadOnlySpan<byte> images = spec.HasImage && spec.Channels == 3 ? env.Images : default;
        int imageBytes = spec.ImageBytes;
        for (int n = 0; n < watched; n++)
        {
            EnvTile tile = set[n];
            tile.EnvIndex = n;
            tile.Episode = _episodeOf[n];
            tile.Step = _stepOf[n];
            tile.ReturnSoFar = _returns[n];
            if (images.IsEmpty)
            {
                tile.SetImage(0, 0);
            }
            else
            {
                images.Slice(n * imageBytes, imageBytes).CopyTo(tile.SetImage(spec.Width, spec.Height));
            }
            if (driving != null)
            {
                WorldSnapshot source = driving.Inner.Snapshots[n];
                tile.Snapshot ??= new WorldSnapshot();
                source.CopyTo(tile.Snapshot);
                tile.Episode = source.Episode;
                tile.Step = source.Step;
                tile.LapProgress = driving.Inner.Infos[n].LapProgress; // the current episode's (Infos holds an ended one's final row)
                tile.Laps = driving.Inner.Infos[n].Laps;
            }
        }
        set.Count = watched;
        set.TotalSteps = _totalSteps;
        set.Version = ++_envsVersion;
        Envs.Publish();
    }
}
