using System.CommandLine;
using Simulator.Core;
using Simulator.Driving.Cameras;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;
using Simulator.Rendering.Vulkan;

namespace Simulator.Cli.Commands;

/// <summary>`sim render`: one camera frame of a scene as RGB, depth and segmentation PNGs.</summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var scene = CommonOptions.Scene();
        var camera = new Option<string>("--camera") { Description = "The ego's camera sensor by name, 'front' (default front camera) or 'spectator' (1280x720 chase view)", DefaultValueFactory = _ => "front" };
        var outFile = CommonOptions.OutputFile("--out", "Output PNG (depth and segmentation go next to it as NAME.depth.png and NAME.seg.png); its folder must exist",
            required: true, targets: Targets, aliases: "-o");
        var size = CommonOptions.Size("--size", "Override the camera size (e.g. 320x240)", null, MinSide, MaxSide);
        var seconds = CommonOptions.Number("--time", "Seconds of autopilot driving before the frame", 2.0, 0, 3600);
        var seed = CommonOptions.Seed();
        var gpu = new Option<string>("--gpu") { Description = "Vulkan device: auto, an index or part of a name", DefaultValueFactory = _ => "auto" };
        var cmd = new Command("render", "Render one camera frame of a scene to PNG files (RGB, depth, segmentation)")
        {
            scene, camera, outFile, size, seconds, seed, gpu,
        };
        cmd.SetAction(parse =>
        {
            var description = SceneLoader.LoadFile(CommonOptions.ResolveScene(parse.GetValue(scene)!));
            var spec = PickCamera(description, parse.GetValue(camera)!, parse.GetValue(size));
            // The chosen camera becomes the ego's camera sensor, so the env's snapshot carries its pose.
            var compiled = SceneCompiler.Compile(CameraSetups.WithCamera(description, spec));
            double time = parse.GetValue(seconds);
            using var renderer = VulkanRenderer.Create(new RendererOptions(parse.GetValue(gpu)!));
            using var env = new DrivingEnv(compiled, new EnvOptions { Autopilot = true });
            var obs = new float[env.Observation.VectorSize];
            env.Reset(parse.GetValue(seed), obs);
            for (int i = 0; i < (int)(time / compiled.FixedDeltaTime) && !env.Step(default(DrivingAction), obs).Done; i++)
            {
            }
            using var rig = new CameraRig([compiled], spec, renderer);
            var frame = rig.Wait(rig.Submit([env.Snapshot]));
            string[] targets = Targets(parse.GetValue(outFile)!);
            foreach (string target in targets)
            {
                SafeFile.PrepareTarget(target); // checked while parsing too; again in case something appeared since
            }
            PngWriter.WriteRgba(targets[0], rig.Width, rig.Height, frame.ColorOf(0));
            PngWriter.WriteDepth(targets[1], rig.Width, rig.Height, frame.DepthOf(0), 0.1f, 120f);
            PngWriter.WriteSegmentation(targets[2], rig.Width, rig.Height, frame.SegmentationOf(0));
            var output = new Output(parse);
            output.Line($"device: {renderer.DeviceName}");
            output.Line($"wrote {targets[0]}, {targets[1]}, {targets[2]} ({rig.Width}x{rig.Height}, camera '{spec.Name}', t = {env.Info.EpisodeTime:0.00} s)");
            return 0;
        });
        return cmd;
    }

    /// <summary>Camera sides accepted by --size.</summary>
    public const int MinSide = 8, MaxSide = 8192;

    /// <summary>Every file `sim render --out PATH` writes: PATH, STEM.depth.png and STEM.seg.png beside it.</summary>
    public static string[] Targets(string path)
    {
        string stem = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? "", Path.GetFileNameWithoutExtension(path));
        return [path, stem + ".depth.png", stem + ".seg.png"];
    }

    private static SensorSpec PickCamera(SceneDescription scene, string name, string? size)
    {
        SensorSpec? spec = name switch
        {
            "spectator" => CameraSetups.Spectator(),
            _ => null,
        };
        foreach (var s in scene.Egos[0].Sensors)
        {
            if (s.Kind == Driving.Scenes.SensorKind.Camera && s.Name == name)
            {
                spec = s;
            }
        }
        spec ??= name == "front" ? CameraSetups.Front(320, 240) : throw new SimInputException($"the ego has no camera named '{name}'", path: "--camera",
            hint: "use 'front', 'spectator' or the name of a camera sensor in the scene");
        var cam = spec.Camera! with { Depth = true, Segmentation = true };
        if (size is not null)
        {
            var (w, h) = CommonOptions.ParseSize(size, "--size", MinSide, MaxSide);
            cam = cam with { Width = w, Height = h };
        }
        return spec with { Camera = cam };
    }
}
