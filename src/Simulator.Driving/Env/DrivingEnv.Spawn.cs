using Simulator.Core;
using Simulator.Driving.Control;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;
using Simulator.Driving.Traffic;
using Simulator.Physics;

namespace Simulator.Driving.Env;

public sealed partial class DrivingEnv
{
    /// <summary>Builds the episode's entities in a fixed order (ids, and so iteration, are deterministic).</summary>
    private void Spawn(ulong seed)
    {
        var scene = Scene.Description;
        var track = Scene.Track;
        var root = World.CreateEntity("scene");
        _ctx = root.AddComponent(new DrivingContext(Scene, EnvIndex));
        _ctx.Reseed(seed);
        _ctx.Conditions = Randomize(scene, _ctx.Randomization);
        var model = scene.Physics.VehicleModel == VehicleModelChoice.Kinematic ? VehicleModelKind.Kinematic : VehicleModelKind.Dynamic;

        for (int i = 0; i < Scene.Props.Length; i++)
        {
            var p = Scene.Props[i];
            var e = World.CreateEntity($"{p.Kind.ToString().ToLowerInvariant()}-{i}", "prop");
            e.AddComponent(new StaticProp { Placement = p, Kind = ToActor(p.Kind) });
        }
        for (int i = 0; i < scene.Traffic.Length; i++)
        {
            var t = scene.Traffic[i];
            var e = World.CreateEntity($"traffic-{i}", "vehicle", "traffic");
            double desired = t.DesiredSpeed * _ctx.Conditions.TrafficSpeedScale;
            var body = e.AddComponent(new VehicleBody
            {
                Kind = t.Behaviour == TrafficBehaviour.Parked ? ActorKind.ParkedCar : ActorKind.Traffic,
                Model = model,
            });
            Place(body, t.S, track.LaneCenter(t.Lane), t.Behaviour == TrafficBehaviour.Parked ? 0 : desired * 0.7);
            if (t.Behaviour == TrafficBehaviour.Idm)
            {
                e.AddComponent(new TrafficDriver
                {
                    Lane = t.Lane,
                    DesiredSpeed = desired,
                    Idm = new IdmParams(desired, t.TimeHeadway, t.MinGap),
                });
            }
        }
        SpawnWalkers(scene);
        for (int i = 0; i < scene.Egos.Length; i++)
        {
            SpawnEgo(scene, scene.Egos[i], i, model, seed);
        }
    }

    private void SpawnWalkers(SceneDescription scene)
    {
        var layout = Scene.Track.Layout;
        double kerb = layout.HalfRoadWidth + Math.Max(0.8, 0.5 * layout.ShoulderWidth);
        for (int c = 0; c < scene.Crosswalks.Length; c++)
        {
            var cw = scene.Crosswalks[c];
            for (int k = 0; k < cw.Pedestrians; k++)
            {
                int side = _ctx.Pedestrians.Chance(0.5) ? 1 : -1;
                var e = World.CreateEntity($"walker-{c}-{k}", "pedestrian");
                e.AddComponent(new PedestrianWalker
                {
                    CrosswalkS = cw.S,
                    AlongOffset = cw.Pedestrians == 1 ? 0 : (k / (double)(cw.Pedestrians - 1) - 0.5) * (cw.Width - 1),
                    WalkSpeed = cw.WalkSpeed,
                    WaitMin = cw.WaitMin,
                    WaitMax = cw.WaitMax,
                    Gap = cw.Gap,
                    KerbLateral = kerb,
                    Lateral = -side * kerb,
                    Direction = side,
                    WaitLeft = _ctx.Pedestrians.Range(cw.WaitMin, cw.WaitMax),
                });
            }
        }
    }

    private void SpawnEgo(SceneDescription scene, EgoSpec spec, int index, VehicleModelKind model, ulong seed)
    {
        var track = Scene.Track;
        var sp = scene.SpawnPoints[spec.SpawnPoint];
        double s = sp.S;
        double lateral = track.LaneCenter(sp.Lane);
        var rng = _ctx.Randomization;
        if (scene.Randomization.RandomSpawnS && index == 0)
        {
            // Try a few random starts; keep the first that is clear of everything in the lane.
            for (int attempt = 0; attempt < 20; attempt++)
            {
                double candidate = rng.Range(0, track.Length);
                if (!NearAnything(candidate, lateral))
                {
                    s = candidate;
                    break;
                }
            }
        }
        if (scene.Randomization.SpawnLateral is { } jitter)
        {
            lateral += rng.Range(jitter.Min, jitter.Max);
        }
        var e = World.CreateEntity(spec.Name, "vehicle", "ego");
        var body = e.AddComponent(new VehicleBody { Kind = ActorKind.Ego, Model = model });
        Place(body, s, lateral, 0);
        var ego = e.AddComponent(new EgoAgent { Spec = spec, Body = body });
        ego.ResetEpisode(body.Query.S);
        if (_options.Autopilot || index > 0)
        {
            e.AddComponent(new Autopilot
            {
                PreferredLane = sp.Lane,
                SteerNoise = index == 0 ? _options.AutopilotSteerNoise : 0,
                NoiseSeed = Rng.Derive(seed, (ulong)RngStream.Autopilot),
            });
        }
        foreach (var c in scene.Components)
        {
            if (c.Entity == spec.Name)
            {
                AttachCustom(e, c, scene.SourceFile);
            }
        }
        if (index == 0)
        {
            Ego = ego;
        }
    }

    private void AttachCustom(World.Entity e, CustomComponentSpec c, string? file)
    {
        var registry = _options.Registry
            ?? throw new SimInputException($"component type '{c.Type}' needs a component registry, and this env has none", file, c.Path + ".type",
                hint: "register host component types and pass the registry in EnvOptions.Registry");
        e.AddComponent(registry.Create(c.Type, new World.ComponentConfig(c.Config, c.Path, file, c.Lines)));
    }

    private bool NearAnything(double s, double lateral)
    {
        foreach (var v in World.Components<VehicleBody>())
        {
            if (Math.Abs(Scene.Track.DeltaS(s, v.Query.S)) < 20)
            {
                return true;
            }
        }
        foreach (var p in Scene.Props)
        {
            if (Math.Abs(Scene.Track.DeltaS(s, p.S)) < 25 && Math.Abs(p.Lateral - lateral) < 3)
            {
                return true;
            }
        }
        return false;
    }

    private void Place(VehicleBody body, double s, double lateral, double speed)
    {
        var pose = Scene.Track.PoseAt(s, lateral);
        body.State = new VehicleState(pose.Position.X, pose.Position.Y, pose.Heading, speed);
        body.TrackHint = -1;
        body.Query = Scene.Track.Project(pose.Position, ref body.TrackHint);
    }

    private static EpisodeConditions Randomize(SceneDescription scene, Rng rng)
    {
        var r = scene.Randomization;
        double wet = 1 - 0.4 * scene.Weather.Wetness;
        double Draw((double Min, double Max)? range, double fallback) => range is { } x ? rng.Range(x.Min, x.Max) : fallback;
        return new EpisodeConditions(
            Friction: Draw(r.Friction, scene.Friction) * wet,
            TrafficSpeedScale: Draw(r.TrafficSpeedScale, 1),
            SunAzimuthDegrees: Draw(r.SunAzimuthDegrees, scene.Lighting.SunAzimuthDegrees),
            SunElevationDegrees: Draw(r.SunElevationDegrees, scene.Lighting.SunElevationDegrees),
            SunIntensity: Draw(r.SunIntensity, scene.Lighting.SunIntensity),
            ColorJitter: Draw(r.ColorJitter, 0),
            CameraJitter: Draw(r.CameraJitter, 0),
            ImageNoise: Draw(r.ImageNoise, 0),
            VisualSeed: rng.NextUInt64());
    }

    private static ActorKind ToActor(PropKind k) => k switch
    {
        PropKind.Cone => ActorKind.Cone,
        PropKind.Barrier => ActorKind.Barrier,
        PropKind.ParkedCar => ActorKind.ParkedCar,
        PropKind.Sign => ActorKind.Sign,
        _ => ActorKind.Pedestrian,
    };
}
