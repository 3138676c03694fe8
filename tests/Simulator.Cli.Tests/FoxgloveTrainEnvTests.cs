using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Simulator.Cli.Commands;
using Simulator.Driving.Runtime;
using Simulator.Learning.Driving;
using Simulator.Learning.Ppo;
using Simulator.Learning.Runs;
using Simulator.Telemetry.Channels;
using Simulator.Telemetry.Live;

namespace Simulator.Cli.Tests;

/// <summary>`train --foxglove`: the learner's env is passed through unchanged and env 0 reaches a subscribed client.</summary>
public class FoxgloveTrainEnvTests
{
    [Fact]
    public async Task Env_0_is_published_and_everything_passes_through()
    {
        var scene = SceneCompiler.Load(Path.Combine(DriveModelTests.RepoRoot(), "scenes", "oval.json"));
        using var env = new DrivingVectorEnv([scene, scene]);
        using var live = FoxgloveLive.Start(FoxgloveEndpoint.Loopback(0), new FoxgloveLiveOptions { MaxRateHz = 0 });
        var wrapped = new FoxgloveTrainEnv(env, env, live);
        Assert.Equal(env.NumEnvs, wrapped.NumEnvs);
        Assert.Equal(env.ObservationSpec, wrapped.ObservationSpec);

        using var ws = new ClientWebSocket();
        ws.Options.AddSubProtocol(FoxgloveServer.Subprotocol);
        await ws.ConnectAsync(new Uri(live.Url), CancellationToken.None);
        int channel = TelemetryChannels.IndexOf(TelemetryChannels.EgoState);
        await ws.SendAsync(Encoding.UTF8.GetBytes($"{{\"op\":\"subscribe\",\"subscriptions\":[{{\"id\":9,\"channelId\":{channel + 1}}}]}}"),
            WebSocketMessageType.Text, true, CancellationToken.None);
        for (int i = 0; i < 2000 && !live.Server.HasSubscribers(channel); i++)
        {
            await Task.Delay(10);
        }
        Assert.True(live.Server.HasSubscribers(channel));

        wrapped.Reset(1);
        var actions = new float[env.NumEnvs * 2];
        var rewards = new float[env.NumEnvs];
        var terminated = new bool[env.NumEnvs];
        var truncated = new bool[env.NumEnvs];
        for (int i = 0; i < 5; i++)
        {
            wrapped.Step(actions, rewards, terminated, truncated);
        }
        Assert.Equal(env.Vectors.ToArray(), wrapped.Vectors.ToArray());

        var buffer = new byte[1 << 16];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var r = await ws.ReceiveAsync(buffer.AsMemory(), timeout.Token);
            if (r.MessageType != WebSocketMessageType.Binary)
            {
                continue;
            }
            Assert.Equal(1, buffer[0]);
            Assert.Equal(9u, BitConverter.ToUInt32(buffer, 1));
            using var doc = JsonDocument.Parse(buffer.AsMemory(13, r.Count - 13));
            Assert.Equal(0, doc.RootElement.GetProperty("env").GetInt32());
            break;
        }
    }

    [Fact]
    public void Metrics_carry_the_iteration_and_nan_for_a_missing_evaluation()
    {
        var stats = new PpoIterationStats { Iteration = 4, TotalSteps = 2048, MeanEpisodeReturn = 12.5 };
        var m = FoxgloveTrainEnv.Metrics(new TrainingProgress(stats, 10_000, 900, null, null));
        Assert.Equal(4, m.Iteration);
        Assert.Equal(2048, m.TotalSteps);
        Assert.Equal(12.5, m.MeanReturn);
        Assert.Equal(900, m.StepsPerSecond);
        Assert.True(double.IsNaN(m.EvalLapCompletion));
    }
}
