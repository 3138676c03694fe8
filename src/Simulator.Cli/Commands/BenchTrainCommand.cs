using System.CommandLine;
using Simulator.Core;
using Simulator.Driving.Runtime;
using Simulator.Learning.Benchmarks;
using Simulator.Learning.Driving;
using Simulator.Learning.Env;
using Simulator.Learning.Ppo;
using Simulator.Torch;
using Spectre.Console;

namespace Simulator.Cli.Commands;

/// <summary>`sim bench train`: end-to-end PPO env steps/s and the learner-only ceiling, per env count.</summary>
internal static class BenchTrainCommand
{
    public static Command Create()
    {
        var scene = CommonOptions.Scene("oval");
        var envs = CommonOptions.CountList("--envs", "Comma-separated env counts", "16,64", 1, BenchCommand.MaxEnvs);
        var obs = new Option<string>("--obs") { Description = "Observation source: camera (a --size front camera rendered with Vulkan, the real pipeline), vector (the scene's sensors) or synthetic (frames drawn from the vector state, no rendering)", DefaultValueFactory = _ => "camera" };
        var size = CommonOptions.Int("--size", "Image side in pixels for --obs camera and synthetic (the Nature CNN needs 36)", 84, 36, 512);
        var iterations = CommonOptions.Positive("--iterations", "Timed PPO iterations per case (after one warm-up)", 2, 1000);
        var rollout = CommonOptions.Positive("--rollout", "Rollout length per env", 32, 4096);
        var device = new Option<string>("--device") { Description = "cpu, cuda or auto (cuda when available)", DefaultValueFactory = _ => "cpu" };
        var core = new Option<string>("--core") { Description = "Recurrent core between encoder and heads: none (feed-forward), gru or lstm", DefaultValueFactory = _ => "none" };
        var recurrentSize = CommonOptions.Int("--recurrent-size", "Hidden size of the --core (gru or lstm)", 256, 1, 65_536);
        var watch = new Option<bool>("--watch") { Description = "Also time each case with `sim train --watch`'s training feed attached and its panels drawn offscreen at 30 Hz on another thread, and print the env steps/s ratio" };
        var json = CommonOptions.Json();
        var cmd = new Command("train", "PPO throughput: env steps/s end to end (rollout + inference + update) and the learner-only ceiling")
        {
            scene, envs, obs, size, iterations, rollout, device, core, recurrentSize, watch, json,
        };
        cmd.SetAction(parse =>
        {
            var counts = CommonOptions.ParseCounts(parse.GetValue(envs)!, "--envs", 1, BenchCommand.MaxEnvs);
            string source = parse.GetValue(obs)!;
            if (source is not ("camera" or "vector" or "synthetic"))
            {
                throw new SimInputException($"unknown observation source '{source}'", path: "--obs", hint: "use camera, vector or synthetic");
            }
            int side = parse.GetValue(size);
            var dev = TorchRuntime.ResolveDevice(parse.GetValue(device)!, "--device");
            var compiled = SceneCompiler.Load(CommonOptions.ResolveScene(parse.GetValue(scene)!));
            if (source == "camera")
            {
                compiled = SceneCompiler.Compile(Driving.Cameras.CameraSetups.WithCamera(compiled.Description, Driving.Cameras.CameraSetups.Front(side, side)));
            }
            string coreName = parse.GetValue(core)!;
            var network = coreName switch
            {
                "none" => new Learning.Networks.NetworkOptions(),
                "gru" => new Learning.Networks.NetworkOptions { RecurrentSize = parse.GetValue(recurrentSize), Core = Learning.Networks.RecurrentCoreKind.Gru },
                "lstm" => new Learning.Networks.NetworkOptions { RecurrentSize = parse.GetValue(recurrentSize), Core = Learning.Networks.RecurrentCoreKind.Lstm },
                _ => throw new SimInputException($"unknown core '{coreName}'", path: "--core", hint: "use none, gru or lstm"),
            };
            var options = new PpoOptions { RolloutLength = parse.GetValue(rollout), Minibatches = 4, Epochs = 4, Network = network };
            var results = new List<TrainBenchmarkResult>();
            var watched = new List<WatchCost>();
            foreach (int n in counts)
            {
                var scenes = Enumerable.Repeat(compiled, n).ToList();
                Func<Driving.Env.VectorEnv, IFrameSource>? frames = source == "synthetic"
                    ? v => new SyntheticFrames(v.Count, side, side, () => v.Observations)
                    : null;
                using var env = new DrivingVectorEnv(scenes, DrivingActionMode.Continuous, null, 0, frames);
                results.Add(TrainBenchmark.EndToEnd(env, options, parse.GetValue(iterations), dev));
                results.Add(TrainBenchmark.LearnerCeiling(env.ObservationSpec, env.ActionSpec, options, n, 8, dev));
                if (parse.GetValue(watch))
                {
                    watched.Add(WatchCost.Measure(env, options, parse.GetValue(iterations), dev, results[^2]));
                }
            }
            var output = new Output(parse);
            if (parse.GetValue(json))
            {
                if (parse.GetValue(watch))
                {
                    output.Json(new { results, watch = watched });
                }
                else
                {
                    output.Json(results);
                }
                return 0;
            }
            output.Line($"bench train: scene '{compiled.Name}', observation source {source}, rollout {options.RolloutLength}, {options.Epochs} epochs × {options.Minibatches} minibatches, core {(network.RecurrentSize > 0 ? $"{coreName} {network.RecurrentSize}" : "none")}, {Environment.ProcessorCount} cores, {dev}");
            var table = new Table().AddColumns("case", "envs", "observation", "samples", "seconds", "rollout s", "update s", "samples/s", "end-to-end vs ceiling");
            for (int i = 0; i < results.Count; i++)
            {
                var r = results[i];
                // Each env step is trained on Epochs times, so end-to-end × epochs is comparable to the ceiling's samples/s.
                string ratio = i % 2 == 0 && i + 1 < results.Count
                    ? Output.F(r.SamplesPerSecond * options.Epochs / results[i + 1].SamplesPerSecond * 100, "0") + " %"
                    : "";
                table.AddRow(r.Case, $"{r.Envs}", r.Observation, $"{r.Samples}", Output.F(r.Seconds, "0.00"), Output.F(r.RolloutSeconds, "0.00"), Output.F(r.UpdateSeconds, "0.00"),
                    Output.F(r.SamplesPerSecond, "#,0"), ratio);
            }
            output.Console.Write(table);
            output.Line("end-to-end counts env steps (each used Epochs times by the update); learner-only counts minibatch samples per second of one forward + backward + Adam step.");
            foreach (WatchCost w in watched)
            {
                output.Line($"watch, {w.Envs} envs: {Output.F(w.WithoutWatch, "#,0")} env steps/s without, {Output.F(w.FeedOnly, "#,0")} with the feed only " +
                    $"(ratio {Output.F(w.FeedRatio, "0.000")}), {Output.F(w.WithWatch, "#,0")} with the feed and panels at 30 Hz (ratio {Output.F(w.Ratio, "0.000")}); panels drew {w.Frames} frames ({Output.F(w.FramesPerSecond, "0.0")}/s, {Output.F(w.DrawMilliseconds, "0.00")} ms each), " +
                    $"{w.EnvPublishes} env and {w.MetricPublishes} metric publishes");
            }
            return 0;
        });
        return cmd;
    }
}
