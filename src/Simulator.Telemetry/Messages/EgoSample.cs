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
