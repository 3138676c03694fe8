using Simulator.Core;
using Simulator.Driving.Runtime;
using Simulator.Driving.Sensors;
using Simulator.Driving.Snapshots;
using Simulator.Driving.Systems;
using Simulator.Rendering.Vulkan;

namespace Simulator.Driving.Env;

/// <summary>Result of one env step (Gymnasium: reward, terminated, truncated; the info is <see cref="DrivingEnv.Info"/>).</summary>
public readonly record struct StepOutcome(float Reward, bool Terminated, bool Truncated)
{
    public bool Done => Terminated || Truncated;
}

/// <summary>
/// One driving environment with Gymnasium semantics: <see cref="Reset"/> then <see cref="Step(DrivingAction, Span{float})"/>
/// until terminated (off-road, collision, stall, laps completed) or truncated (time limit), then reset again.
/// Each env owns its own world (no global state); the compiled scene is shared read-only. Observations are written
/// into caller-owned spans, so stepping allocates nothing. After each Reset and Step the env fills its
/// <see cref="Snapshot"/> (what there is to see); an env renders nothing itself: a <see cref="VectorEnv"/> (of one
/// env, if need be) owns the cameras and renders its envs' snapshots.
/// </summary>
public sealed partial class DrivingEnv : IDisposable
{
    private readonly EnvOptions _options;
    private DrivingContext _ctx = null!;
    private bool _needsReset = true;
    private readonly PerceptionSystem _perception = new();
    private readonly SnapshotBuilder _snapshots;

    public DrivingEnv(CompiledScene scene, EnvOptions? options = null, int envIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(scene);
        Scene = scene;
        _options = options ?? new EnvOptions();
        EnvIndex = envIndex;
        World = new World.World(scene.FixedDeltaTime, _options.Bus);
        World.AddSystem(_perception);
        World.AddSystem(new ActuationSystem());
        World.AddSystem(new VehiclePhysicsSystem());
        World.AddSystem(new CollisionSystem());
        World.AddSystem(new EpisodeSystem());
        Observation = ObservationLayout.For(scene.Description.Egos[0]);
        if (Observation.Cameras.Length > 1)
        {
            throw new SimInputException($"the ego has {Observation.Cameras.Length} camera sensors; this version renders one camera per ego",
                scene.Description.SourceFile, Observation.Cameras[1].Path, hint: "keep one 'camera' sensor");
        }
        _snapshots = new SnapshotBuilder(Observation.Cameras);
    }

    /// <summary>True when the ego has a camera sensor (image observations, rendered by a <see cref="VectorEnv"/>).</summary>
    public bool HasCamera => Observation.Cameras.Length == 1;

    /// <summary>
    /// What there is to see after the last Reset/Step (camera poses, actors, lighting, randomisation), as plain values.
    /// Refilled in place by the next Reset/Step: take a <see cref="WorldSnapshot.CopyTo"/> to keep one.
    /// </summary>
    public WorldSnapshot Snapshot { get; } = new();

    /// <summary>Nothing native to release any more (the env owns no camera); kept so envs can stay in using blocks.</summary>
    public void Dispose()
    {
    }

    public CompiledScene Scene { get; }
    /// <summary>The options the env was created with (recordings store the ones replay needs).</summary>
    public EnvOptions Options => _options;
    /// <summary>The env's index in its batch: its episode's random streams derive from it (a batch may renumber its envs at reset).</summary>
    public int EnvIndex { get; internal set; }
    public World.World World { get; }
    public ObservationLayout Observation { get; }
    /// <summary>The controlled ego (the scene's first); valid after <see cref="Reset"/>.</summary>
    public EgoAgent Ego { get; private set; } = null!;
    public DrivingContext Context => _ctx;
    public ref readonly EnvInfo Info => ref _info;

    // By reference: EnvInfo is about 180 bytes, and a recording reads it every step.
    private EnvInfo _info;
    public int ActionSize => DrivingAction.Size;
    public long Episode { get; private set; }

    /// <summary>Starts a new episode from <paramref name="seed"/> and writes the first observation.</summary>
    public void Reset(ulong seed, Span<float> observation)
    {
        _hasEpisode = false;
        World.Reset();
        Spawn(seed);
        _episodeSeed = seed;
        _spawned = CountStructure(World);
        _componentTypes = 0;
        _hasEpisode = true;
        Episode++;
        _needsReset = false;
        // Run perception once so the first decision sees the road as it is.
        _perception.Execute(World, new World.StepInfo(0, World.FixedDeltaTime));
        Observation.Write(Ego, _ctx, observation);
        _info = MakeInfo();
        _snapshots.BeginEpisode(_ctx.Conditions);
        _snapshots.Fill(World, _ctx, Ego, Episode, Snapshot);
    }

    /// <summary>Advances one fixed step with a continuous action (sanitised by the documented rule).</summary>
    public StepOutcome Step(DrivingAction action, Span<float> observation)
    {
        if (_needsReset)
        {
            throw new InvalidOperationException("the episode has ended (or never started): call Reset before Step");
        }
        if (!_options.Autopilot)
        {
            Ego.PendingAction = action;
        }
        World.Step();
        Observation.Write(Ego, _ctx, observation);
        _info = MakeInfo();
        _snapshots.Fill(World, _ctx, Ego, Episode, Snapshot);
        var end = Ego.End;
        _needsReset = end != EpisodeEnd.None;
        return new StepOutcome((float)Ego.Reward.Total, end is not (EpisodeEnd.None or EpisodeEnd.TimeLimit), end == EpisodeEnd.TimeLimit);
    }

    /// <summary>Advances one fixed step with an index into <see cref="DiscreteActions"/>.</summary>
    public StepOutcome Step(int discreteAction, Span<float> observation) => Step(DiscreteActions.ToContinuous(discreteAction), observation);

    /// <summary>Hash of the exact simulation state (bit-identical runs give identical hashes).</summary>
    public ulong StateHash() => World.ComputeStateHash();

    private EnvInfo MakeInfo()
    {
        var e = Ego;
        var q = e.Body.Query;
        return new EnvInfo
        {
            Reward = e.Reward,
            End = e.End,
            ActionSanitized = e.ActionSanitized,
            Laps = e.Laps,
            LastLapTime = e.LastLapTime,
            BestLapTime = e.BestLapTime,
            LapProgress = e.Progress / Scene.Track.Length - e.Laps,
            S = q.S,
            Lateral = q.Lateral,
            HeadingError = Tracks.Track.HeadingError(e.Body.State.Yaw, q),
            Speed = e.Body.State.Speed,
            DistanceTravelled = e.Distance,
            EpisodeTime = World.Time,
            EpisodeSteps = World.StepIndex,
            Collisions = e.Collisions,
            OffRoadTime = e.OffRoadTime,
            YieldFailures = e.YieldFailures,
        };
    }
}

/// <summary>Options of an env beyond its scene.</summary>
public sealed record EnvOptions
{
    /// <summary>The ego is driven by the autopilot; actions passed to Step are ignored (demos, datasets).</summary>
    public bool Autopilot { get; init; }
    /// <summary>Steering perturbation of the autopilot (see <see cref="Control.Autopilot.SteerNoise"/>), for demonstrations.</summary>
    public double AutopilotSteerNoise { get; init; }
    /// <summary>Bus shared with watchers (viewer, recorder); a private one when null.</summary>
    public World.MessageBus? Bus { get; init; }
    /// <summary>Host component types that scene files may attach by name (the plugin use case).</summary>
    public World.ComponentRegistry? Registry { get; init; }
    /// <summary>Renderer (Vulkan device) for the camera sensors of a <see cref="VectorEnv"/>; it opens its own when null.</summary>
    public VulkanRenderer? Renderer { get; init; }
}
