using Simulator.Core;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;

namespace Simulator.Learning.Driving;

/// <summary>
/// The autopilot (the expert that behaviour cloning copies) evaluated like a policy: the same scenes, the same
/// episodes and reset seeds as <see cref="PolicyEvaluator"/> gives a model with the same settings, so its rows sit
/// beside a model's. It acts every physics step; <see cref="EvalSettings.MaxSteps"/> counts physics steps here.
/// </summary>
public static class AutopilotEvaluator
{
    public static EvalReport Run(IReadOnlyList<CompiledScene> scenes, EvalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(scenes);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Episodes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxEnvsPerScene, 1);
        int perScene = Math.Min(settings.Episodes, settings.MaxEnvsPerScene);
        var results = new List<EpisodeSummary>(scenes.Count * settings.Episodes);
        for (int s = 0; s < scenes.Count; s++)
        {
            using var env = new DrivingEnv(scenes[s], new EnvOptions { Autopilot = true });
            for (int episode = 0; episode < settings.Episodes; episode++)
            {
                // Episode k of a scene runs on its env k % perScene as that env's episode k / perScene (PolicyEvaluator's seeds).
                ulong envIndex = (ulong)(s * perScene + episode % perScene);
                ulong seed = Rng.Derive(settings.Seed, envIndex, (ulong)(episode / perScene));
                results.Add(EpisodeRunner.Run(env, seed, policy: null, settings.MaxSteps > 0 ? settings.MaxSteps : long.MaxValue, sink: settings.Sink));
            }
        }
        return new EvalReport(results);
    }
}
