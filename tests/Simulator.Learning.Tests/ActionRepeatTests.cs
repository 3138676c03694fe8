using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;
using Simulator.Learning.Driving;

namespace Simulator.Learning.Tests;

public class ActionRepeatTests
{
    private static CompiledScene Short(double timeLimit) => SceneCompiler.Compile(SceneLoader.Parse($$"""
        { "name": "short", "track": { "controlPoints": [[0,0],[200,0],[200,100],[0,100]] }, "lanes": { "count": 2, "width": 3.75 },
          "episode": { "timeLimit": {{timeLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)}} },
          "egos": [ { "name": "ego", "sensors": [ { "type": "speed" }, { "type": "laneOffset" } ] } ] }
        """, "short.json"));

    [Fact]
    public void Repeat_holds_the_action_sums_rewards_and_keeps_the_final_info_of_an_episode_that_ends_inside_it()
    {
        // 1.0 s at 60 Hz = 60 physics steps = 20 agent steps of 3.
        using var env = new DrivingVectorEnv([Short(1.0), Short(1.0166)]) { ActionRepeat = 3 };
        using var plain = new VectorEnv([Short(1.0), Short(1.0166)]);
        env.Reset(4);
        plain.Reset(4);
        var actions = new float[] { 0.1f, 0.6f, -0.1f, 0.6f };
        var rewards = new float[2];
        var term = new bool[2];
        var trunc = new bool[2];
        for (int t = 0; t < 20; t++)
        {
            env.Step(actions, rewards, term, trunc);
            float sum0 = 0;
            for (int r = 0; r < 3; r++)
            {
                plain.Step(actions);
                sum0 += plain.Rewards[0];
            }
            Assert.Equal(sum0, rewards[0], 4);
        }
        // Env 0 ended exactly at the end of agent step 20; env 1 (61 steps) ends on the first physics step of agent step 21.
        Assert.True(trunc[0]);
        Assert.Equal(EpisodeEnd.TimeLimit, env.Infos[0].End);
        env.Step(actions, rewards, term, trunc);
        Assert.True(trunc[1]);
        Assert.Equal(EpisodeEnd.TimeLimit, env.Infos[1].End);
        Assert.Equal(61.0 / 60, env.Infos[1].EpisodeTime, 6);
        Assert.True(env.Infos[1].DistanceTravelled > 0);
        // The inner env's own row already belongs to the next episode: the bug this guards against.
        Assert.Equal(EpisodeEnd.None, env.Inner.Infos[1].End);
    }
}
