using Simulator.Driving.Env;

namespace Simulator.Telemetry.Messages;

/// <summary>The ego's numbers after a step: what the env reported (<see cref="EnvInfo"/>) and the action it applied.</summary>
public readonly record struct EgoSample(EnvInfo Info, DrivingAction Applied)
{
    /// <summary>From a <see cref="DrivingEnv"/> after Reset/Step: its info and the action its ego applied last.</summary>
    public static EgoSample Of(DrivingEnv env)
    {
        ArgumentNullException.ThrowIfNull(env);
        return new EgoSample(env.Info, env.Ego.LastAction);
    }
}

/// <summary>Metrics of one training iteration (NaN where a value is not available).</summary>
public readonly record struct TrainingMetrics
{
    public long Iteration { get; init; }
    public long TotalSteps { get; init; }
    public long Episodes { get; init; }
    public double StepsPerSecond { get; init; }
    public double MeanReturn { get; init; }
    public double MeanLength { get; init; }
    public double PolicyLoss { get; init; }
    public double ValueLoss { get; init; }
    public double Entropy { get; init; }
    public double ApproxKl { get; init; }
    public double ClipFraction { get; init; }
    public double ExplainedVariance { get; init; }
    public double LearningRate { get; init; }
    public double EvalLapCompletion { get; init; }
    public double EvalMeanReturn { get; init; }
}

/// <summary>A camera frame to publish: rows of RGB or RGBA8 pixels, top row first (the renderer's read-back layout).</summary>
public readonly ref struct CameraFrame
{
    public CameraFrame(ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        if (width <= 0 || height <= 0 || channels is not (3 or 4) || pixels.Length < width * height * channels)
        {
            throw new ArgumentException($"a {width}×{height}×{channels} frame needs {width * height * channels} bytes of RGB or RGBA, got {pixels.Length}", nameof(pixels));
        }
        Pixels = pixels[..(width * height * channels)];
        Width = width;
        Height = height;
        Channels = channels;
    }

    public ReadOnlySpan<byte> Pixels { get; }
    public int Width { get; }
    public int Height { get; }
    public int Channels { get; }
    public bool IsEmpty => Pixels.IsEmpty;
}
