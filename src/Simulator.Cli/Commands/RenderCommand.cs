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
        var outFile = new Option<string>("--out", "-o") { Description = "Output PNG (depth and segmentation go next to it as NAME.depth.png and NAME.seg.png)", Required = true };
        var size = new Option<string?>("--size") { Description = "Override the camera size, WxH (e.g. 320x240)" };
        var seconds = new Option<double>("--time") { Description = "Seconds of autopilot driving before the frame", DefaultValueFactory = _ => 2.0 };
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
            if (time is < 0 or > 3600)
            {
                throw new SimInputException($"--time must be in [0, 3600] s, got {time}", path: "--time");
            }
            using var renderer = VulkanRenderer.Create(new RendererOptions(parse.GetValue(gpu)!));
            using var env = new DrivingEnv(compiled, new EnvOptions { Autopilot = true });
            var obs = new float[env.Observation.VectorSize];
            env.Reset(parse.GetValue(seed), obs);
            for (int i = 0; i < (int)(time / compiled.FixedDeltaTime) && !env.Step(default(DrivingAction), obs).Done; i++)
            {
            }
            using var rig = new CameraRig([compiled], spec, renderer);
            var frame = rig.Wait(rig.Submit([env.Snapshot]));
            string path = parse.GetValue(outFile)!;
            string stem = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path));
            PngWriter.WriteRgba(path, rig.Width, rig.Height, frame.ColorOf(0));
            PngWriter.WriteDepth(stem + ".depth.png", rig.Width, rig.Height, frame.DepthOf(0), 0.1f, 120f);
            PngWriter.WriteSegmentation(stem + ".seg.png", rig.Width, rig.Height, frame.SegmentationOf(0));
            var output = new Output(parse);
            output.Line($"device: {renderer.DeviceName}");
            output.Line($"wrote {path}, {stem}.depth.png, {stem}.seg.png ({rig.Width}x{rig.Height}, camera '{spec.Name}', t = {env.Info.EpisodeTime:0.00} s)");
            return 0;
        });
        return cmd;
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
            var (w, h) = ParseSize(size);
            cam = cam with { Width = w, Height = h };
        }
        return spec with { Camera = cam };
    }

    public static (int Width, int Height) ParseSize(string text)
    {
        var parts = text.Split('x', 'X');
        if (parts.Length != 2 || !int.TryParse(parts[0], out int w) || !int.TryParse(parts[1], out int h) || w is < 8 or > 8192 || h is < 8 or > 8192)
        {
            throw new SimInputException($"'{text}' is not a size WxH with sides 8..8192", path: "--size", hint: "e.g. 84x84 or 320x240");
        }
        return (w, h);
    }
}
