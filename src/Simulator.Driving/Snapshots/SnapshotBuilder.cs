using System.Collections.Immutable;
using System.Numerics;
using Simulator.Core;
using Simulator.Driving.Cameras;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;
using Simulator.Driving.Traffic;
using Simulator.Rendering.Vulkan;

namespace Simulator.Driving.Snapshots;

/// <summary>
/// Fills an env's <see cref="WorldSnapshot"/> from its live world: the only code that reads world components for
/// drawing. The episode's look (tints, camera jitter) is drawn once per episode in <see cref="BeginEpisode"/>;
/// <see cref="Fill"/> runs after every Reset and Step, on the thread that stepped the env, and allocates nothing
/// once the snapshot's arrays have grown to the actor count.
/// </summary>
internal sealed class SnapshotBuilder
{
    private readonly ImmutableArray<SensorSpec> _cameras;
    private Randomization _episodeLook = Randomization.None;

    public SnapshotBuilder(ImmutableArray<SensorSpec> cameras) => _cameras = cameras;

    /// <summary>Draws the episode's tints and camera jitter from its visual seed (once per episode).</summary>
    public void BeginEpisode(in EpisodeConditions conditions) => _episodeLook = DrawEpisodeLook(conditions);

    public void Fill(World.World world, DrivingContext ctx, EgoAgent ego, long episode, WorldSnapshot into)
    {
        var scene = ctx.Scene;
        var cond = ctx.Conditions;
        into.Scene = scene;
        into.EnvIndex = ctx.EnvIndex;
        into.Episode = episode;
        into.Step = world.StepIndex;
        into.Time = world.Time;
        into.Conditions = cond;
        into.Lighting = MakeLighting(scene.Description, cond);
        into.Weather = new WeatherState((float)scene.Description.Weather.FogDensity, (float)scene.Description.Weather.Wetness);
        var r = _episodeLook;
        r.NoiseSigma = (float)cond.ImageNoise;
        r.NoiseSeed = (uint)(Rng.Derive(cond.VisualSeed, (ulong)world.StepIndex) & 0xFFFFFFFF);
        into.Randomization = r;
        var cameras = into.SetCameraCount(_cameras.Length);
        for (int i = 0; i < cameras.Length; i++)
        {
            cameras[i] = MakeCamera(_cameras[i], ego.Body.State);
        }
        FillActors(world, scene, into);
    }

    /// <summary>The sensor's world pose: the mount (vehicle frame: x forward, y left, z up) turned by the ego's yaw.</summary>
    public static CameraSnapshot MakeCamera(SensorSpec sensor, in Physics.VehicleState ego)
    {
        var c = sensor.Camera!;
        double cy = Math.Cos(ego.Yaw), sy = Math.Sin(ego.Yaw);
        var pose = CameraPose.Create(
            new Vector3((float)(ego.X + cy * c.X - sy * c.Y), (float)(ego.Y + sy * c.X + cy * c.Y), (float)c.Z),
            (float)(ego.Yaw + Deg(c.Yaw)), (float)Deg(c.Pitch), (float)Deg(c.FovDegrees), 0.1f, 160f);
        pose.Roll = (float)Deg(c.Roll);
        var outputs = RenderOutputs.Color | (c.Depth ? RenderOutputs.Depth : 0) | (c.Segmentation ? RenderOutputs.Segmentation : 0);
        return new CameraSnapshot { Pose = pose, Width = c.Width, Height = c.Height, Outputs = outputs };
    }

    private static Lighting MakeLighting(SceneDescription scene, in EpisodeConditions cond)
    {
        double az = Deg(cond.SunAzimuthDegrees), el = Deg(cond.SunElevationDegrees);
        var light = Lighting.Default;
        light.SunDirection = new Vector3((float)(Math.Cos(el) * Math.Cos(az)), (float)(Math.Cos(el) * Math.Sin(az)), (float)Math.Sin(el));
        light.SunIntensity = (float)(0.8 * cond.SunIntensity);
        float amb = (float)scene.Lighting.Ambient;
        light.Ambient = new Vector3(amb, amb * 1.05f, amb * 1.15f);
        light.FogDensity = (float)scene.Weather.FogDensity;
        return light;
    }

    private static void FillActors(World.World world, CompiledScene scene, WorldSnapshot into)
    {
        var vehicles = world.Components<VehicleBody>();
        var props = world.Components<StaticProp>();
        var walkers = world.Components<PedestrianWalker>();
        var actors = into.SetActorCount(vehicles.Length + props.Length + walkers.Length);
        int n = 0;
        foreach (var v in vehicles)
        {
            var color = v.Kind switch
            {
                ActorKind.Ego => SceneVisuals.Ego,
                ActorKind.ParkedCar => SceneVisuals.Parked,
                _ => SceneVisuals.TrafficColor(v.Entity.Id),
            };
            actors[n++] = new ActorSnapshot
            {
                Kind = v.Kind, Mesh = MeshKind.Car, Position = new Vector3((float)v.State.X, (float)v.State.Y, 0), Yaw = (float)v.State.Yaw,
                Scale = new Vector3((float)(v.Params.BodyLength / 4.4), (float)(v.Params.BodyWidth / 1.8), 1), Color = color,
                Class = SemanticClass.Vehicle, InstanceId = (uint)v.Entity.Id + 1,
            };
        }
        foreach (var p in props)
        {
            var pose = p.Placement.Pose;
            var (cls, color) = SceneVisuals.Prop(p.Kind);
            actors[n++] = new ActorSnapshot
            {
                Kind = p.Kind, Mesh = MeshOf(p.Kind), Position = new Vector3((float)pose.Position.X, (float)pose.Position.Y, 0), Yaw = (float)pose.Heading,
                Scale = Vector3.One, Color = color, Class = cls, InstanceId = (uint)p.Entity.Id + 1,
            };
        }
        foreach (var w in walkers)
        {
            var pos = w.Position;
            double heading = scene.Track.Sample(w.S).Heading + (w.Direction > 0 ? Math.PI / 2 : -Math.PI / 2);
            actors[n++] = new ActorSnapshot
            {
                Kind = ActorKind.Pedestrian, Mesh = MeshKind.Pedestrian, Position = new Vector3((float)pos.X, (float)pos.Y, 0), Yaw = (float)heading,
                Scale = Vector3.One, Color = SceneVisuals.PedestrianColor, Class = SemanticClass.Pedestrian, InstanceId = (uint)w.Entity.Id + 1,
            };
        }
    }

    private static MeshKind MeshOf(ActorKind kind) => kind switch
    {
        ActorKind.Cone => MeshKind.Cone,
        ActorKind.Barrier => MeshKind.BarrierBlock,
        ActorKind.ParkedCar => MeshKind.Car,
        ActorKind.Sign => MeshKind.Sign,
        _ => MeshKind.Pedestrian,
    };

    /// <summary>Per-episode tints and camera jitter, drawn from the episode's visual seed.</summary>
    private static Randomization DrawEpisodeLook(in EpisodeConditions cond)
    {
        var r = Randomization.None;
        if (cond.ColorJitter <= 0 && cond.CameraJitter <= 0)
        {
            return r;
        }
        var rng = new Rng(cond.VisualSeed);
        float j = (float)cond.ColorJitter;
        r.RoadTint = Tint(rng, j);
        r.GrassTint = Tint(rng, j);
        r.SkyTint = Tint(rng, j);
        float cj = (float)cond.CameraJitter;
        r.CameraOffset = new Vector3(cj * (float)rng.Range(-1, 1), cj * (float)rng.Range(-1, 1), cj * (float)rng.Range(-0.5, 0.5));
        r.CameraAngleOffset = new Vector3(0.1f * cj * (float)rng.Range(-1, 1), 0.1f * cj * (float)rng.Range(-1, 1), 0.05f * cj * (float)rng.Range(-1, 1));
        return r;
    }

    private static Vector3 Tint(Rng rng, float j) =>
        new(1 + j * (float)rng.Range(-1, 1), 1 + j * (float)rng.Range(-1, 1), 1 + j * (float)rng.Range(-1, 1));

    private static double Deg(double d) => d * Math.PI / 180;
}
