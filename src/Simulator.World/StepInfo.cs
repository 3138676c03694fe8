namespace Simulator.World;

/// <summary>
/// The step being executed. Time is computed as index × dt rather than accumulated, so it never drifts and two
/// worlds with the same dt agree on it bit for bit.
/// </summary>
public readonly struct StepInfo
{
    public StepInfo(long index, double deltaTime)
    {
        Index = index;
        DeltaTime = deltaTime;
    }

    /// <summary>0 for the first step after creation or <see cref="World.Reset"/>.</summary>
    public long Index { get; }

    /// <summary>The fixed time step in seconds.</summary>
    public double DeltaTime { get; }

    /// <summary>Simulated time at the start of this step: Index × DeltaTime.</summary>
    public double Time => Index * DeltaTime;

    /// <summary>Simulated time at the end of this step: (Index + 1) × DeltaTime.</summary>
    public double EndTime => (Index + 1) * DeltaTime;
}
