using System.Collections.Immutable;
using Simulator.Driving.Scenes;
using Simulator.Learning.Driving;
using Simulator.Learning.Ppo;

namespace Simulator.Learning.Runs;

/// <summary>
/// Everything a training run needs, read from YAML (snake_case keys; see <see cref="TrainerConfigYaml"/>). Every
/// setting has a documented default and every number a documented range (<see cref="ConfigRangeAttribute"/>); a
/// config file must still say something (an empty file is an error, not a run of defaults).
/// </summary>
public sealed record TrainerConfig
{
    /// <summary>Run name: the run folder is runs/&lt;name&gt;/ unless --out says otherwise.</summary>
    public string Name { get; init; } = "ppo";

    /// <summary>Master seed: network initialisation, sampling, minibatch order and env resets derive from it.</summary>
    [ConfigRange(0, 18446744073709551615.0)]
    public ulong Seed { get; init; } = 1;

    /// <summary>"cpu" or "cuda".</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Parallel envs (the scene list is cycled to fill them).</summary>
    [ConfigRange(1, 1024)]
    public int Envs { get; init; } = 16;

    /// <summary>Threads stepping the envs; 0 = automatic.</summary>
    [ConfigRange(0, 256)]
    public int EnvThreads { get; init; }

    /// <summary>
    /// Env steps (summed over envs) to train for; overrides ppo.total_steps. 0: behaviour cloning only (needs
    /// bc.demo_steps > 0): the cloned policy is evaluated and saved as latest.pt and best.pt, with no PPO after it.
    /// </summary>
    [ConfigRange(0, 1e12)]
    public long TotalSteps { get; init; } = 1_000_000;

    /// <summary>Scene names (from scenes/) or paths used for training when no generator is given.</summary>
    public string[] Scenes { get; init; } = ["oval"];

    /// <summary>Generated training tracks (one per env, cycled); replaces <see cref="Scenes"/> when set.</summary>
    public GeneratorConfig? Generator { get; init; }

    /// <summary>
    /// Without a generator: the ego every listed scene (<see cref="Scenes"/>, eval.scenes) is given, as a model is
    /// deployed on a scene: these sensors replace the scene's own and max_speed (when above 0) its limiter. With a
    /// generator the generator's ego_sensors and max_speed are mounted instead, and this block is refused.
    /// </summary>
    public EgoMountConfig? SceneEgo { get; init; }

    /// <summary>Continuous [steer, accel] or the 15 discrete actions.</summary>
    public DrivingActionMode Actions { get; init; } = DrivingActionMode.Continuous;

    /// <summary>PPO settings (see <see cref="PpoOptions"/>; seed and total_steps come from this file's top level).</summary>
    public PpoOptions Ppo { get; init; } = new();

    /// <summary>Behaviour-cloning warm start from autopilot demonstrations.</summary>
    public BcConfig Bc { get; init; } = new();

    /// <summary>Held-out evaluation during training.</summary>
    public EvalConfig Eval { get; init; } = new();

    /// <summary>Write checkpoints/latest every this many env steps (and always at the end).</summary>
    [ConfigRange(1, 1e12)]
    public long CheckpointEvery { get; init; } = 50_000;

    /// <summary>Physics steps per agent step (frame skip, 1..16): the action is held and only the last step is rendered.</summary>
    [ConfigRange(1, 16)]
    public int ActionRepeat { get; init; } = 1;

    /// <summary>
    /// Perception as an observation: when set, the lane and object models run on the ego's front camera (which must be
    /// the models' size) and their features follow the vector observation; <c>pixels: false</c> drops the pixels.
    /// <c>perception: {}</c> gives the shipped models; leaving the key out (or <c>perception: ~</c>) gives none.
    /// </summary>
    public PerceptionSettings? Perception { get; init; }

    /// <summary>
    /// Transfer: a fresh run starts from this trained model's weights (sim train --init-from) instead of a random
    /// initialisation; the observation and every parameter's shape must match. Recorded with the model's SHA-256 so the
    /// run says what it started from; ignored on resume (the checkpoint has the weights).
    /// </summary>
    public InitModel? Init { get; init; }

    /// <summary>
    /// With <see cref="Init"/>: the policy's log-std (every action dimension) after the model's weights are copied;
    /// left out, the model's own. A cloned policy keeps the log-std it was built with (cloning by squared error does
    /// not train it), which can be far too wide for fine-tuning at speed.
    /// </summary>
    [ConfigRange(-20, 2)]
    public double? InitLogStd { get; init; }

    /// <summary>
    /// Reward weights for every training and evaluation scene of the run, in place of each scene's own (left out: the
    /// scenes' weights; the generator's tracks have the defaults of <see cref="Simulator.Driving.Scenes.RewardSpec"/>).
    /// </summary>
    public RewardConfig? Reward { get; init; }

    /// <summary>The PPO options this run actually uses (seed and step budget from the top level).</summary>
    public PpoOptions ResolvedPpo() => Ppo with { Seed = Seed, TotalSteps = Math.Max(1, TotalSteps) };
}

/// <summary>The model a run started from (see <see cref="TrainerConfig.Init"/>).</summary>
public sealed record InitModel
{
    /// <summary>Model file (ModelFile format: a checkpoint with its meta), e.g. runs/x/checkpoints/best.pt.</summary>
    public string Model { get; init; } = "";

    /// <summary>SHA-256 of the model file, hex; when set, a run refuses a file with other contents.</summary>
    public string Sha256 { get; init; } = "";

    /// <summary>The model's env steps when it was saved (information).</summary>
    [ConfigRange(0, 1e15)]
    public long Steps { get; init; }

    /// <summary>The identity of <paramref name="path"/>: its full path, SHA-256 and step counter.</summary>
    public static InitModel Of(string path) => new()
    {
        Model = Path.GetFullPath(path),
        Sha256 = ModelFile.Sha256(path),
        Steps = ModelFile.ReadMeta(path).TotalSteps,
    };
}

/// <summary>
/// Weights of the reward terms (see <see cref="Simulator.Driving.Env.RewardFunction"/>: progress in metres, speed as a fraction of
/// the ego's limit, centering, off-road and collision as -1 per physics step, smoothness as the action change).
/// The defaults are a scene's defaults.
/// </summary>
public sealed record RewardConfig
{
    private static readonly Simulator.Driving.Scenes.RewardSpec s_defaults = new();

    [ConfigRange(-100, 100)]
    public double Progress { get; init; } = s_defaults.Progress;
    [ConfigRange(-100, 100)]
    public double Speed { get; init; } = s_defaults.Speed;
    [ConfigRange(-100, 100)]
    public double Centering { get; init; } = s_defaults.Centering;
    [ConfigRange(-1000, 1000)]
    public double OffRoad { get; init; } = s_defaults.OffRoad;
    [ConfigRange(-1000, 1000)]
    public double Collision { get; init; } = s_defaults.Collision;
    [ConfigRange(-100, 100)]
    public double Smoothness { get; init; } = s_defaults.Smoothness;
    /// <summary>Failing to yield to a walker on a crosswalk: paid per physics step as the ego's speed over its limit (0: not paid, still counted).</summary>
    [ConfigRange(-100, 100)]
    public double Yield { get; init; } = s_defaults.Yield;

    /// <summary>
    /// Metres beyond the road edge at which the episode ends (left out: the scene's own, 1 m by default). The off-road
    /// term is paid on every physics step in that margin, so a car that drifts out slowly pays many times more than one
    /// that leaves fast; 0 ends the episode at the edge and makes leaving the road cost one step's penalty.
    /// </summary>
    [ConfigRange(0, 20)]
    public double? OffRoadMargin { get; init; }

    public Simulator.Driving.Scenes.RewardSpec ToSpec() => new()
    {
        Progress = Progress,
        Speed = Speed,
        Centering = Centering,
        OffRoad = OffRoad,
        Collision = Collision,
        Smoothness = Smoothness,
        Yield = Yield,
    };
}

/// <summary>The ego a config mounts on listed scenes (<see cref="TrainerConfig.SceneEgo"/>).</summary>
public sealed record EgoMountConfig
{
    /// <summary>Ego sensors, as generator.ego_sensors; left empty, the scenes keep their own.</summary>
    public ImmutableArray<SensorSpec> Sensors { get; init; } = [];

    /// <summary>The ego's speed limiter, m/s; 0 keeps each scene's own.</summary>
    [ConfigRange(0, 90)]
    public double MaxSpeed { get; init; }
}

/// <summary>Tracks made by Driving's SceneGenerator from consecutive seeds.</summary>
public sealed record GeneratorConfig
{
    /// <summary>First track seed; tracks use seeds first_seed … first_seed + count − 1.</summary>
    [ConfigRange(0, 1e15)]
    public ulong FirstSeed { get; init; } = 1;

    /// <summary>Number of distinct tracks.</summary>
    [ConfigRange(1, 1024)]
    public int Count { get; init; } = 8;

    [ConfigRange(300, 20_000)]
    public double Length { get; init; } = 900;
    [ConfigRange(0, 1)]
    public double Curviness { get; init; } = 0.5;
    [ConfigRange(8, 1000)]
    public double MinRadius { get; init; } = 20;
    [ConfigRange(1, 4)]
    public int Lanes { get; init; } = 2;
    [ConfigRange(2.5, 6)]
    public double LaneWidth { get; init; } = 3.75;
    /// <summary>Static obstacles per km.</summary>
    [ConfigRange(0, 20)]
    public double Obstacles { get; init; }
    /// <summary>NPC vehicles per km.</summary>
    [ConfigRange(0, 20)]
    public double Traffic { get; init; }
    /// <summary>Crosswalks per km, two walkers each.</summary>
    [ConfigRange(0, 10)]
    public double Crosswalks { get; init; }
    /// <summary>Seconds of approaching traffic the walkers leave before stepping out (4: they wait for a safe gap;
    /// lower: they step out in front of the car, which must brake).</summary>
    [ConfigRange(0, Simulator.Driving.Traffic.PedestrianWalker.MaxGap)]
    public double WalkerGap { get; init; } = Simulator.Driving.Traffic.PedestrianWalker.DefaultGap;
    /// <summary>Episode time limit in seconds.</summary>
    [ConfigRange(1, 86_400)]
    public double TimeLimit { get; init; } = 240;
    /// <summary>
    /// Ego sensors (e.g. a camera), written in YAML as a list of mappings with the scene file's sensor keys
    /// (<c>- type: camera</c>, <c>width: 84</c>, ...); the default vector sensors when empty.
    /// </summary>
    public ImmutableArray<SensorSpec> EgoSensors { get; init; } = [];

    /// <summary>The ego's speed limiter, m/s.</summary>
    [ConfigRange(1, 90)]
    public double MaxSpeed { get; init; } = 28;

    /// <summary>
    /// Scene names (from scenes/) or paths trained beside the generated tracks, with the generator's ego sensors,
    /// speed limiter and autopilot speed mounted on them. They come first in the env list, then the tracks, cycled to
    /// fill the envs (so with more scenes and tracks than envs, the last tracks are not used).
    /// </summary>
    public string[] AddScenes { get; init; } = [];

    /// <summary>
    /// The autopilot's cruise speed (m/s) on the generated tracks: the teacher of behaviour cloning and the autopilot
    /// that `sim eval --autopilot --config` scores; 0: max_speed. Below max_speed the car can go faster than its teacher.
    /// </summary>
    [ConfigRange(0, 90)]
    public double AutopilotSpeed { get; init; }

    /// <summary>Start episodes at random places on the track.</summary>
    public bool RandomSpawn { get; init; }
}

/// <summary>Behaviour cloning before PPO; off when demo_steps is 0.</summary>
public sealed record BcConfig
{
    /// <summary>Autopilot steps to record (summed over envs).</summary>
    [ConfigRange(0, 1e9)]
    public int DemoSteps { get; init; }

    /// <summary>Passes over the demonstrations.</summary>
    [ConfigRange(0, 10_000)]
    public int Epochs { get; init; } = 10;

    [ConfigRange(1e-12, 1)]
    public double LearningRate { get; init; } = 1e-3;

    [ConfigRange(1, 1 << 20)]
    public int BatchSize { get; init; } = 256;

    /// <summary>DART steering perturbation of the demonstrating autopilot (0 = none); labels stay its clean decisions.</summary>
    [ConfigRange(0, 1)]
    public double SteerNoise { get; init; }

    /// <summary>Recorded demonstrations (camera observations only): recordings (*.mcap, replayed and rendered from
    /// the training camera at the observation's size, one sample per action_repeat steps), demonstrations files
    /// (`sim dataset import`), Udacity or Donkey dataset folders, or folders of *.mcap / *.demos files. Relative paths
    /// are from the current folder. Used with (or without) demo_steps' autopilot demonstrations.</summary>
    public string[] Demos { get; init; } = [];
}

/// <summary>Evaluation on held-out tracks (or scenes) with the deterministic policy.</summary>
public sealed record EvalConfig
{
    /// <summary>Evaluate every this many env steps; 0 = only at the end.</summary>
    [ConfigRange(0, 1e12)]
    public long Every { get; init; } = 100_000;

    /// <summary>Episodes per evaluation track.</summary>
    [ConfigRange(1, 10_000)]
    public int Episodes { get; init; } = 2;

    /// <summary>Held-out generated tracks (defaults to the training generator's knobs when that is set).</summary>
    [ConfigRange(0, 1e15)]
    public ulong FirstSeed { get; init; } = 10_000;

    /// <summary>Number of held-out generated tracks (with a generator; otherwise the training scenes are used).</summary>
    [ConfigRange(1, 1024)]
    public int Tracks { get; init; } = 4;

    /// <summary>Explicit evaluation scenes; when non-empty they replace the generated held-out tracks.</summary>
    public string[] Scenes { get; init; } = [];

    /// <summary>Step cap per episode (the episode counts as unfinished); 0 = the scene's time limit only.</summary>
    [ConfigRange(0, 1e9)]
    public int MaxSteps { get; init; }
}
