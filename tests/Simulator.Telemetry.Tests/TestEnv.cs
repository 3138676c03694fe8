using Simulator.Tests.Shared;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;

namespace Simulator.Telemetry.Tests;

/// <summary>Shipped scenes and the npm-installed Foxglove client for the tests.</summary>
internal static class TestEnv
{
    public const string ClientPackage = "@foxglove/ws-protocol@0.8.0";
    /// <summary>Node 20 has no WebSocket of its own; the client library takes any WebSocket, and ws is the usual one.</summary>
    public const string WebSocketPackage = "ws@8.18.3";

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Simulator.sln")) && Directory.Exists(Path.Combine(dir.FullName, "scenes")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("cannot find the repository root (Simulator.sln) above " + AppContext.BaseDirectory);
    }

    /// <summary>The shipped oval with a camera on the ego (a DrivingEnv renders nothing; the snapshot carries the camera pose).</summary>
    public static CompiledScene Oval()
    {
        string file = Path.Combine(RepoRoot(), "scenes", "oval.json");
        var json = JsonNode.Parse(File.ReadAllText(file))!;
        json["egos"]![0]!["sensors"] = JsonNode.Parse(
            """[{ "type": "speed" }, { "type": "camera", "width": 64, "height": 48, "mount": { "x": 1.0, "z": 1.4, "pitch": -12 } }]""");
        return SceneCompiler.Compile(SceneLoader.Parse(json.ToJsonString(), file));
    }

    /// <summary>An autopilot env of the oval, reset and stepped a few times.</summary>
    public static DrivingEnv SteppedOval(int steps = 10)
    {
        var env = new DrivingEnv(Oval(), new EnvOptions { Autopilot = true });
        var obs = new float[env.Observation.VectorSize];
        env.Reset(7, obs);
        for (int i = 0; i < steps; i++)
        {
            env.Step(default(DrivingAction), obs);
        }
        return env;
    }

    /// <summary>
    /// The node_modules folder holding the official client, installed on first use into the user's cache
    /// (SIM_CACHE, else XDG_CACHE_HOME/simulator, else ~/.cache/simulator). Fails with a clear message without npm.
    /// </summary>
    public static string FoxgloveClientModules() =>
        NodePackages.Modules("npm-foxglove", [ClientPackage, WebSocketPackage], "@foxglove/ws-protocol/package.json", "ws/package.json");

    public static (int Code, string Output) Run(string file, string arguments, TimeSpan timeout) => NodePackages.Run(file, arguments, timeout);
}
