using System.Numerics;
using Simulator.Core;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;
using Simulator.Driving.Traffic;
using Simulator.Rendering.Vulkan;

namespace Simulator.Driving.Cameras;

/// <summary>
/// The camera sensors of N envs rendered as one batch: each env's ego camera (pose from the vehicle and the
/// sensor's mount), its scene's static set, its vehicles, props and walkers as instances, and its episode's lighting
/// and domain randomisation. One <see cref="Submit"/> renders every env; <see cref="Wait"/> returns the batch
/// (N×H×W×4 RGBA8, plus depth/segmentation when the sensor asks for them) without per-env copies.
/// </summary>
public sealed class CameraRig : IDisposable
{
    private readonly VulkanRenderer _renderer;
    private readonly bool _ownsRenderer;
    private readonly CameraBatch _batch;
    private readonly PropLibrary _props;
    private readonly Dictionary<CompiledScene, int> _staticSets = new(ReferenceEqualityComparer.Instance);
    private long _lastFrame = -1;
    private readonly Randomization[] _episodeLook;
    private readonly ulong[] _episodeLookSeed;
    private readonly bool[] _episodeLookValid;

    public CameraRig(IReadOnlyList<CompiledScene> scenes, SensorSpec camera, VulkanRenderer? shared = null)
    {
        Camera = camera.Camera ?? throw new ArgumentException("not a camera sensor", nameof(camera));
        Sensor = camera;
        _renderer = shared ?? VulkanRenderer.Create(RendererOptions.Default);
        _ownsRenderer = shared is null;
        try
        {
            _props = PropLibrary.Load(_renderer);
            int maxInstances = 8;
            foreach (var s in scenes)
            {
                var d = s.Description;
                int walkers = 0;
                foreach (var c in d.Crosswalks)
                {
                    walkers += c.Pedestrians;
                }
                maxInstances = Math.Max(maxInstances, d.Props.Length + d.Traffic.Length + d.Egos.Length + walkers + 4);
                StaticSet(s);
            }
            var outputs = RenderOutputs.Color | (Camera.Depth ? RenderOutputs.Depth : 0) | (Camera.Segmentation ? RenderOutputs.Segmentation : 0);
            _batch = _renderer.CreateBatch(new BatchDescription(scenes.Count, Camera.Width, Camera.Height, outputs, maxInstances));
            _episodeLook = new Randomization[scenes.Count];
            _episodeLookSeed = new ulong[scenes.Count];
            _episodeLookValid = new bool[scenes.Count];
        }
        catch
        {
            if (_ownsRenderer)
            {
                _renderer.Dispose();
            }
            throw;
        }
    }

    public CameraSpec Camera { get; }
    public SensorSpec Sensor { get; }
    public int EnvCount => _batch.EnvCount;
    public int Width => _batch.Width;
    public int Height => _batch.Height;
    public const int Channels = 4;
    public string DeviceName => _renderer.DeviceName;
    public VulkanRenderer Renderer => _renderer;

    private int StaticSet(CompiledScene scene)
    {
        if (!_staticSets.TryGetValue(scene, out int set))
        {
            set = _renderer.AddStaticSet(SceneVisuals.StaticParts(scene.Track));
            _staticSets.Add(scene, set);
        }
        return set;
    }

    /// <summary>Captures the current state of envs [0, N) into the batch and submits it; returns the frame number.</summary>
    public long Submit(IReadOnlyList<DrivingEnv> envs)
    {
        if (envs.Count != EnvCount)
        {
            throw new ArgumentException($"the rig renders {EnvCount} envs, got {envs.Count}", nameof(envs));
        }
        _batch.ClearInstances();
        for (int i = 0; i < envs.Count; i++)
        {
            Describe(i, envs[i]);
        }
        _lastFrame = _batch.Submit();
        return _lastFrame;
    }

    /// <summary>Clears and reads back the batch without drawing: this device's ceiling for the same batch shape.</summary>
    public FrameView ClearOnly() => _batch.Wait(_batch.SubmitClearOnly());

    /// <summary>Waits for a submitted frame (the latest by default) and returns its read-only view.</summary>
    public FrameView Wait(long frame = -1) => _batch.Wait(frame < 0 ? _lastFrame : frame);

    private void Describe(int i, DrivingEnv env)
    {
        var ctx = env.Context;
        var cond = ctx.Conditions;
        var scene = env.Scene.Description;
        ref var view = ref _batch.Env(i);
        view.StaticSet = StaticSet(env.Scene);
        var ego = env.Ego.Body.State;
        var c = Camera;
        double cy = Math.Cos(ego.Yaw), sy = Math.Sin(ego.Yaw);
        view.Camera = CameraPose.Create(
            new Vector3((float)(ego.X + cy * c.X - sy * c.Y), (float)(ego.Y + sy * c.X + cy * c.Y), (float)c.Z),
            (float)(ego.Yaw + Deg(c.Yaw)), (float)Deg(c.Pitch), (float)Deg(c.FovDegrees), 0.1f, 160f);
        view.Camera.Roll = (float)Deg(c.Roll);
        double az = Deg(cond.SunAzimuthDegrees), el = Deg(cond.SunElevationDegrees);
        var light = Lighting.Default;
        light.SunDirection = new Vector3((float)(Math.Cos(el) * Math.Cos(az)), (float)(Math.Cos(el) * Math.Sin(az)), (float)Math.Sin(el));
        light.SunIntensity = (float)(0.8 * cond.SunIntensity);
        float amb = (float)scene.Lighting.Ambient;
        light.Ambient = new Vector3(amb, amb * 1.05f, amb * 1.15f);
        light.FogDensity = (float)scene.Weather.FogDensity;
        view.Lighting = light;
        view.Randomization = Randomize(i, cond, env.World.StepIndex);
        AddInstances(i, env);
    }

    /// <summary>
    /// Per-episode tints and camera jitter, drawn once from the episode's visual seed and cached per env (nothing is
    /// allocated per frame); only the noise seed changes every frame.
    /// </summary>
    private Randomization Randomize(int env, in EpisodeConditions cond, long step)
    {
        if (!_episodeLookValid[env] || _episodeLookSeed[env] != cond.VisualSeed)
        {
            _episodeLook[env] = DrawEpisodeLook(cond);
            _episodeLookSeed[env] = cond.VisualSeed;
            _episodeLookValid[env] = true;
        }
        var r = _episodeLook[env];
        r.NoiseSigma = (float)cond.ImageNoise;
        r.NoiseSeed = (uint)(Rng.Derive(cond.VisualSeed, (ulong)step) & 0xFFFFFFFF);
        return r;
    }

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

    private void AddInstances(int i, DrivingEnv env)
    {
        var world = env.World;
        foreach (var v in world.Components<VehicleBody>())
        {
            var color = v.Kind switch
            {
                ActorKind.Ego => SceneVisuals.Ego,
                ActorKind.ParkedCar => SceneVisuals.Parked,
                _ => SceneVisuals.TrafficColor(v.Entity.Id),
            };
            var inst = PropInstance.Create(_props.Car, new Vector3((float)v.State.X, (float)v.State.Y, 0), (float)v.State.Yaw, color,
                SemanticClass.Vehicle, (uint)v.Entity.Id + 1);
            inst.Scale = new Vector3((float)(v.Params.BodyLength / 4.4), (float)(v.Params.BodyWidth / 1.8), 1);
            _batch.AddInstance(i, inst);
        }
        foreach (var p in world.Components<StaticProp>())
        {
            var pl = p.Placement;
            var (cls, color) = SceneVisuals.Prop(p.Kind);
            int mesh = p.Kind switch
            {
                ActorKind.Cone => _props.Cone,
                ActorKind.Barrier => _props.BarrierBlock,
                ActorKind.ParkedCar => _props.Car,
                ActorKind.Sign => _props.Sign,
                _ => _props.Pedestrian,
            };
            _batch.AddInstance(i, PropInstance.Create(mesh, new Vector3((float)pl.Pose.Position.X, (float)pl.Pose.Position.Y, 0), (float)pl.Pose.Heading,
                color, cls, (uint)p.Entity.Id + 1));
        }
        foreach (var w in world.Components<PedestrianWalker>())
        {
            var pos = w.Position;
            double heading = env.Scene.Track.Sample(w.S).Heading + (w.Direction > 0 ? Math.PI / 2 : -Math.PI / 2);
            _batch.AddInstance(i, PropInstance.Create(_props.Pedestrian, new Vector3((float)pos.X, (float)pos.Y, 0), (float)heading,
                SceneVisuals.PedestrianColor, SemanticClass.Pedestrian, (uint)w.Entity.Id + 1));
        }
    }

    private static double Deg(double d) => d * Math.PI / 180;

    public void Dispose()
    {
        _batch.Dispose();
        if (_ownsRenderer)
        {
            _renderer.Dispose();
        }
    }
}
