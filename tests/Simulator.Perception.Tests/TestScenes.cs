using System.Collections.Immutable;
using Simulator.Core;
using Simulator.Driving.Env;
using Simulator.Driving.Scenes;
using Simulator.Driving.Snapshots;
using Simulator.Perception.Data;
using Simulator.Perception.GroundTruth;
using Simulator.Rendering.Vulkan;
using Simulator.Driving.Cameras;

namespace Simulator.Perception.Tests;

internal static class TestScenes
{
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "scenes")) && File.Exists(Path.Combine(dir.FullName, "Simulator.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("scenes/ not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A stadium: two 300 m straights joined by half circles of radius 60 m; s = 0 is 50 m into the
    /// bottom straight (driving east), so the camera looks 250 m down a straight.</summary>
    public static SceneDescription Stadium(int lanes = 2, MarkingStyle divider = MarkingStyle.Solid, ImmutableArray<PropSpec> props = default)
    {
        var points = ImmutableArray.CreateBuilder<Vec2>();
        for (int x = 50; x <= 300; x += 25)
        {
            points.Add(new Vec2(x, 0));
        }
        for (int k = 1; k < 12; k++)
        {
            double a = -Math.PI / 2 + k * Math.PI / 12;
            points.Add(new Vec2(300 + 60 * Math.Cos(a), 60 + 60 * Math.Sin(a)));
        }
        for (int x = 300; x >= 0; x -= 25)
        {
            points.Add(new Vec2(x, 120));
        }
        for (int k = 1; k < 12; k++)
        {
            double a = Math.PI / 2 + k * Math.PI / 12;
            points.Add(new Vec2(60 * Math.Cos(a), 60 + 60 * Math.Sin(a)));
        }
        for (int x = 0; x < 50; x += 25)
        {
            points.Add(new Vec2(x, 0));
        }
        return new SceneDescription
        {
            Name = "stadium",
            Track = new TrackSpec { ControlPoints = points.ToImmutable() },
            Lanes = new LaneSpec { Count = lanes, Width = 3.75, DividerMarking = divider },
            Egos = [new EgoSpec { Name = "ego", Path = "$.egos[0]" }],
            SpawnPoints = [new SpawnPointSpec(0, 0)],
            Props = props.IsDefault ? [] : props,
        };
    }

    /// <summary>Renders the snapshot of a freshly reset env of <paramref name="scene"/> from the front camera and
    /// labels it.</summary>
    public static PerceptionFrame RenderReset(VulkanRenderer renderer, SceneDescription scene, int width = 96, int height = 96, ulong seed = 1)
    {
        var compiled = Driving.Runtime.SceneCompiler.Compile(scene);
        var env = new DrivingEnv(compiled);
        env.Reset(seed, new float[env.Observation.VectorSize]);
        return Render(renderer, env.Snapshot, width, height);
    }

    public static PerceptionFrame Render(VulkanRenderer renderer, WorldSnapshot snapshot, int width, int height) =>
        RenderWithIds(renderer, snapshot, width, height).Frame;

    public static (PerceptionFrame Frame, uint[] Ids) RenderResetWithIds(VulkanRenderer renderer, SceneDescription scene, int width, int height)
    {
        var env = new DrivingEnv(Driving.Runtime.SceneCompiler.Compile(scene));
        env.Reset(1, new float[env.Observation.VectorSize]);
        return RenderWithIds(renderer, env.Snapshot, width, height);
    }

    /// <summary>The labelled frame and the renderer's instance-id image of the same render.</summary>
    public static (PerceptionFrame Frame, uint[] Ids) RenderWithIds(VulkanRenderer renderer, WorldSnapshot snapshot, int width, int height)
    {
        var draw = new GroundTruthRenderer(renderer, CameraSetups.Front(width, height));
        using var batch = draw.CreateBatch(1, 64);
        var camera = draw.Describe(batch, 0, snapshot);
        var view = batch.Wait(batch.Submit());
        var frame = new FrameGroundTruth().Build(snapshot, camera, view, 0, new PerceptionFrameInfo("test", 0, 0, snapshot.Step, snapshot.SceneName));
        return (frame, view.InstanceIdsOf(0).ToArray());
    }
}
