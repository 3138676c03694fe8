using Simulator.Driving.Env;
using Simulator.Learning.Env;
using Simulator.Learning.Networks;
using Simulator.Learning.Ppo;
using Simulator.Learning.Runs;
using Simulator.Torch;

namespace Simulator.Learning.Driving;

/// <summary>
/// A trained policy as Driving's <see cref="DrivingPolicy"/> for one env (`sim drive --model`, EpisodeRunner):
/// greedy actions, frame stack and recurrent state reset at each episode's first step. Vector observations only:
/// camera models drive one env through <see cref="CameraModelRun"/>, which renders their frames.
/// </summary>
public sealed class ModelDriver : IDisposable
{
    private readonly PolicyRunner _runner;
    private readonly bool[] _started = new bool[1];
    private readonly float[] _action;

    public ModelDriver(ActorCritic policy, ulong seed = 1)
    {
        if (policy.Observation.HasImage)
        {
            throw new Core.SimInputException($"this model observes {ModelMeta.Describe(policy.Observation)}; driving single envs supports vector observations only",
                hint: "drive camera models with CameraModelRun");
        }
        _runner = new PolicyRunner(policy, 1, Device.Cpu, seed);
        _action = new float[policy.Action.ValuesPerEnv];
        Policy = policy;
    }

    public ActorCritic Policy { get; }

    public DrivingAction Act(ReadOnlySpan<float> observation, DrivingEnv env)
    {
        _started[0] = env.World.StepIndex == 0;
        _runner.Observe([], observation, _started);
        _runner.ActForEnv(deterministic: true, _action);
        return Policy.Action.Kind == ActionKind.Discrete
            ? DiscreteActions.ToContinuous((int)_action[0])
            : new DrivingAction(_action[0], _action[1]);
    }

    public void Dispose() => _runner.Dispose();
}
