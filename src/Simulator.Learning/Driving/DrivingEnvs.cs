using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Learning.Env;
using Simulator.Learning.Runs;
using Simulator.Perception.Loop;

namespace Simulator.Learning.Driving;

/// <summary>
/// The one place the learner's env over driving scenes is built, for training, evaluation, demonstrations and
/// deployment alike: a <see cref="DrivingVectorEnv"/>, with <see cref="PerceptionVectorEnv"/> mounted on it when
/// perception settings are given (a trainer config's <c>perception:</c> block, a model's <see cref="ModelMeta.Perception"/>),
/// so a model always sees the observation it was trained with.
/// </summary>
public static class DrivingEnvs
{
    /// <summary>Frames per perception run at most (memory of the models' outputs grows with it).</summary>
    public const int MaxPerceptionBatch = 64;

    /// <param name="perceptionRoot">The folder relative model paths of <paramref name="perception"/> are read from (the repository root).</param>
    public static IDrivingVectorEnv Create(IReadOnlyList<CompiledScene> scenes, DrivingActionMode actions, PerceptionSettings? perception, string perceptionRoot,
        EnvOptions? options = null, int threads = 0, Func<VectorEnv, IFrameSource>? frames = null, int actionRepeat = 1)
    {
        var env = new DrivingVectorEnv(scenes, actions, options, threads, frames) { ActionRepeat = actionRepeat };
        return perception is null ? env : Mount(env, perception, perceptionRoot);
    }

    /// <summary>The env a saved model acts in: its action mode, action repeat and perception.</summary>
    public static IDrivingVectorEnv ForModel(ModelMeta meta, IReadOnlyList<CompiledScene> scenes, string perceptionRoot, int threads = 0) =>
        Create(scenes, ActionMode(meta), meta.Perception, perceptionRoot, null, threads, null, meta.ActionRepeat);

    /// <summary>
    /// The observation and action specs of <see cref="ForModel"/>'s env, without building it: no world, no render
    /// device, no perception models loaded (what checking that a model fits a scene needs).
    /// </summary>
    public static (ObservationSpec Observation, ActionSpec Action) SpecsForModel(ModelMeta meta, IReadOnlyList<CompiledScene> scenes)
    {
        ArgumentNullException.ThrowIfNull(meta);
        ObservationSpec observation = DrivingVectorEnv.ObservationSpecOf(scenes);
        if (meta.Perception is { } p)
        {
            int vector = observation.VectorSize + PerceptionFeatures.Size;
            observation = p.Pixels ? observation with { VectorSize = vector } : ObservationSpec.VectorOnly(vector);
        }
        return (observation, DrivingVectorEnv.ActionSpecOf(ActionMode(meta)));
    }

    public static DrivingActionMode ActionMode(ModelMeta meta) =>
        meta.ActionKind == ActionKind.Discrete ? DrivingActionMode.Discrete : DrivingActionMode.Continuous;

    /// <summary>Loads the perception models and wraps <paramref name="env"/> (which the result then owns; on failure it is disposed).</summary>
    public static PerceptionVectorEnv Mount(DrivingVectorEnv env, PerceptionSettings perception, string perceptionRoot)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(perception);
        PerceptionStage? stage = null;
        try
        {
            stage = PerceptionStage.Create(perception.ToConfig(perceptionRoot), Math.Min(env.NumEnvs, MaxPerceptionBatch));
            return new PerceptionVectorEnv(env, stage, perception.Pixels);
        }
        catch
        {
            stage?.Dispose();
            env.Dispose();
            throw;
        }
    }
}
