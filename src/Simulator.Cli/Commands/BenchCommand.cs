using System.CommandLine;
using Simulator.Core;
using Simulator.Driving.Diagnostics;
using Simulator.Driving.Runtime;
using Spectre.Console;

namespace Simulator.Cli.Commands;

/// <summary>`sim bench ...`: benchmarks that print figures (never pass/fail on time).</summary>
internal static class BenchCommand
{
    /// <summary>Env counts accepted by every benchmark's --envs list.</summary>
    public const int MaxEnvs = 1024;
    /// <summary>Threads accepted by --threads.</summary>
    public const int MaxThreads = 1024;
    /// <summary>Camera side accepted by bench render --size (up to <see cref="MaxEnvs"/> cameras at once).</summary>
    public const int MaxBenchSide = 1024;

    public static Command Create()
    {
        var bench = new Command("bench", "Benchmarks: print throughput figures and this machine's ceiling for comparison");
        bench.Subcommands.Add(Physics());
        bench.Subcommands.Add(Render());
        bench.Subcommands.Add(BenchTrainCommand.Create());
        bench.Subcommands.Add(BenchFoxgloveCommand.Create());
        bench.Subcommands.Add(BenchRecordCommand.Create());
        bench.Subcommands.Add(BenchPerceptionCommand.Create());
        return bench;
    }

    private static Command Physics()
    {
        var scene = CommonOptions.Scene("two-lane-traffic");
        var envs = CommonOptions.CountList("--envs", "Comma-separated env counts", "1,16,64,256", 1, MaxEnvs);
        var seconds = CommonOptions.Number("--seconds", "Measuring time per case", 2.0, 0, 600, minExclusive: true);
        var threads = CommonOptions.Int("--threads", "Threads for the multi-threaded cases (default: cores)", Math.Min(Environment.ProcessorCount, MaxThreads), 1, MaxThreads);
        var json = CommonOptions.Json();
        var cmd = new Command("physics", "Env steps per second without rendering (track queries, traffic, collisions, sensors, rewards)")
        {
            scene, envs, seconds, threads, json,
        };
        cmd.SetAction(parse =>
        {
            var counts = CommonOptions.ParseCounts(parse.GetValue(envs)!, "--envs", 1, MaxEnvs);
            double secs = parse.GetValue(seconds);
            var compiled = SceneCompiler.Load(CommonOptions.ResolveScene(parse.GetValue(scene)!));
            var results = PhysicsBenchmark.Run(compiled, counts, secs, parse.GetValue(threads));
            var output = new Output(parse);
            if (parse.GetValue(json))
            {
                output.Json(results.Select(r => new { r.Case, r.Envs, r.Threads, r.VehiclesPerEnv, r.EgoSteps, r.Seconds, r.EgoStepsPerSecond, r.StepsPerSecondPerThread }));
                return 0;
            }
            output.Line($"bench physics: scene '{compiled.Name}', {1 / compiled.FixedDeltaTime:0} Hz, {Environment.ProcessorCount} cores");
            var table = new Table().AddColumns("case", "envs", "threads", "vehicles/env", "ego steps/s", "per thread", "vs ceiling");
            double ceiling = results[0].EgoStepsPerSecond;
            foreach (var r in results)
            {
                table.AddRow(r.Case, $"{r.Envs}", $"{r.Threads}", $"{r.VehiclesPerEnv}", Output.F(r.EgoStepsPerSecond, "#,0"), Output.F(r.StepsPerSecondPerThread, "#,0"),
                    Output.F(r.StepsPerSecondPerThread / ceiling * 100, "0.0") + " %");
            }
            output.Console.Write(table);
            return 0;
        });
        return cmd;
    }

    private static Command Render()
    {
        var scene = CommonOptions.Scene("two-lane-traffic");
        var envs = CommonOptions.CountList("--envs", "Comma-separated env counts", "1,16,64,256", 1, MaxEnvs);
        var size = CommonOptions.Size("--size", "Camera size", "84x84", RenderCommand.MinSide, MaxBenchSide);
        var depth = new Option<bool>("--depth") { Description = "Also render depth" };
        var segmentation = new Option<bool>("--segmentation") { Description = "Also render segmentation" };
        var seconds = CommonOptions.Number("--seconds", "Measuring time per case", 3.0, 0, 600, minExclusive: true);
        var gpu = new Option<string>("--gpu") { Description = "Vulkan device: auto, an index or part of a name", DefaultValueFactory = _ => "auto" };
        var json = CommonOptions.Json();
        var cmd = new Command("render", "Camera frames per second of batched env cameras, with the same device's clear+readback ceiling")
        {
            scene, envs, size, depth, segmentation, seconds, gpu, json,
        };
        cmd.SetAction(parse =>
        {
            var counts = CommonOptions.ParseCounts(parse.GetValue(envs)!, "--envs", 1, MaxEnvs);
            var (w, h) = CommonOptions.ParseSize(parse.GetValue(size)!, "--size", RenderCommand.MinSide, MaxBenchSide);
            var compiled = SceneCompiler.Load(CommonOptions.ResolveScene(parse.GetValue(scene)!));
            using var renderer = Rendering.Vulkan.VulkanRenderer.Create(new Rendering.Vulkan.RendererOptions(parse.GetValue(gpu)!));
            var (device, rows) = Driving.Diagnostics.RenderThroughput.Run(compiled, counts, w, h, parse.GetValue(depth), parse.GetValue(segmentation), parse.GetValue(seconds),
                new Driving.Env.EnvOptions { Renderer = renderer });
            var output = new Output(parse);
            if (parse.GetValue(json))
            {
                output.Json(new { device, width = w, height = h, rows });
                return 0;
            }
            output.Line($"bench render: {w}x{h} RGB{(parse.GetValue(depth) ? "+depth" : "")}{(parse.GetValue(segmentation) ? "+segmentation" : "")}, scene '{compiled.Name}', device {device}");
            var table = new Table().AddColumns("envs", "camera frames/s", "env steps/s (with physics)", "ceiling frames/s (clear+readback)", "frames/s vs ceiling", "render share of step");
            foreach (var r in rows)
            {
                table.AddRow($"{r.Envs}", Output.F(r.CameraFramesPerSecond, "#,0"), Output.F(r.EnvStepsPerSecond, "#,0"), Output.F(r.CeilingFramesPerSecond, "#,0"),
                    Output.F(r.RatioToCeiling * 100, "0.0") + " %", Output.F(r.RenderShare * 100, "0") + " %");
            }
            output.Console.Write(table);
            return 0;
        });
        return cmd;
    }
}
