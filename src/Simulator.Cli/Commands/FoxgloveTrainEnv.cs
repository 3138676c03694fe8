using Simulator.Learning.Driving;
using Simulator.Learning.Env;
using Simulator.Learning.Ppo;
using Simulator.Learning.Runs;
using Simulator.Telemetry.Channels;
using Simulator.Telemetry.Live;
using Simulator.Telemetry.Messages;

namespace Simulator.Cli.Commands;

/// <summary>
/// `sim train --foxglove`: passes everything through to the learner's env and offers env 0's snapshot, camera
/// frame and numbers to the live stream after each step (the publisher takes what it wants and never waits).
/// Kept in the CLI so the trainer knows nothing about telemetry.
/// </summary>
internal sealed class FoxgloveTrainEnv : IVectorEnv, IDrivingEnvSource
{
    private readonly IVectorEnv _inner;
    private readonly DrivingVectorEnv _driving;
    private readonly FoxgloveLive _live;

    public FoxgloveTrainEnv(IVectorEnv inner, DrivingVectorEnv driving, FoxgloveLive live)
    {
        _inner = inner;
        _driving = driving;
        _live = live;
    }

    public DrivingVectorEnv DrivingEnv => _driving;
    public int NumEnvs => _inner.NumEnvs;
    public ObservationSpec ObservationSpec => _inner.ObservationSpec;
    public ActionSpec ActionSpec => _inner.ActionSpec;
    public ReadOnlySpan<byte> Images => _inner.Images;
    public ReadOnlySpan<float> Vectors => _inner.Vectors;
    public bool HasFinalObservations => _inner.HasFinalObservations;
    public ReadOnlySpan<byte> FinalImages => _inner.FinalImages;
    public ReadOnlySpan<float> FinalVectors => _inner.FinalVectors;

    public void Reset(ulong seed)
    {
        _inner.Reset(seed);
        Publish();
    }

    public void Step(ReadOnlySpan<float> actions, Span<float> rewards, Span<bool> terminated, Span<bool> truncated)
    {
        _inner.Step(actions, rewards, terminated, truncated);
        Publish();
    }

    private void Publish()
    {
        if (!_live.Server.AnySubscribers)
        {
            return;
        }
        var spec = _driving.ObservationSpec;
        // The learner reads these frames right after the step anyway; read them only when someone watches the camera.
        var camera = spec.HasImage && _live.Server.HasSubscribers(TelemetryChannels.IndexOf(TelemetryChannels.Camera))
            ? new CameraFrame(_driving.Images[..spec.ImageBytes], spec.Width, spec.Height, spec.Channels)
            : default;
        _live.Publish(_driving.Inner.Snapshots[0], camera, new EgoSample(_driving.Infos[0], _driving.Inner[0].Ego.LastAction));
    }

    /// <summary>The metrics of one PPO iteration as the live stream's training message.</summary>
    public static TrainingMetrics Metrics(TrainingProgress p)
    {
        PpoIterationStats s = p.Stats;
        return new TrainingMetrics
        {
            Iteration = s.Iteration,
            TotalSteps = s.TotalSteps,
            Episodes = s.EpisodesFinished,
            StepsPerSecond = p.StepsPerSecond,
            MeanReturn = s.MeanEpisodeReturn,
            MeanLength = s.MeanEpisodeLength,
            PolicyLoss = s.PolicyLoss,
            ValueLoss = s.ValueLoss,
            Entropy = s.Entropy,
            ApproxKl = s.ApproxKl,
            ClipFraction = s.ClipFraction,
            ExplainedVariance = s.ExplainedVariance,
            LearningRate = s.LearningRate,
            EvalLapCompletion = p.LastEval?.LapCompletion ?? double.NaN,
            EvalMeanReturn = p.LastEval?.MeanReturn ?? double.NaN,
        };
    }
}
