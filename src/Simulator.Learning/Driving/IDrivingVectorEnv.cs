namespace Simulator.Learning.Driving;

/// <summary>
/// The learner's env over driving scenes as <see cref="DrivingEnvs"/> builds it: a <see cref="DrivingVectorEnv"/>
/// or a wrapper over one (<see cref="PerceptionVectorEnv"/>). Disposing it disposes the driving env underneath.
/// </summary>
public interface IDrivingVectorEnv : Env.IVectorEnv, IDrivingEnvSource, IDisposable
{
    /// <summary>Resets env i as env <paramref name="firstIndex"/> + i of a larger batch (see <see cref="DrivingVectorEnv.Reset(ulong, int)"/>).</summary>
    void Reset(ulong seed, int firstIndex);
}
