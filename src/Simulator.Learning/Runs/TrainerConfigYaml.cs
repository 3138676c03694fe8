using Simulator.Core;
using Simulator.Torch;

namespace Simulator.Learning.Runs;

/// <summary>
/// Reads and writes <see cref="TrainerConfig"/> as YAML with snake_case keys (total_steps, ppo.learning_rate,
/// generator.first_seed, ...). Missing keys keep their defaults; syntax errors, unknown keys, bad values and
/// out-of-range settings are input errors naming the file, the key path and the line, found before anything runs.
/// An empty file, or one that is not a mapping of settings, is an error.
/// </summary>
public static class TrainerConfigYaml
{
    public static TrainerConfig Parse(string yaml, string? file = null)
    {
        var config = SnakeCaseYaml.Deserialize<TrainerConfig>(yaml, file, "see models/configs/ppo-pixels.yaml and TrainerConfig for the keys", out var lineOf);
        try
        {
            Validate(config, file);
        }
        catch (SimInputException e) when (e.Line is null)
        {
            throw new SimInputException(e.Problem, e.File, e.Path, lineOf(e.Path), e.Hint);
        }
        return config;
    }

    public static TrainerConfig Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SimInputException(e is FileNotFoundException or DirectoryNotFoundException ? "the trainer config does not exist" : "cannot read the trainer config",
                file: path, hint: "pass --config with an existing YAML file", inner: e);
        }
        return Parse(text, path);
    }

    /// <summary>The config as YAML (every setting spelled out: what a run records before it starts).</summary>
    public static string Write(TrainerConfig config) => SnakeCaseYaml.Serialize(config);

    public static Device ParseDevice(string text, string? file = null) => text.ToLowerInvariant() switch
    {
        "cpu" => Device.Cpu,
        "cuda" or "gpu" => Device.Cuda,
        _ => throw new SimInputException($"unknown device '{text}'", file: file, path: "device", hint: "use cpu or cuda"),
    };

    public static void Validate(TrainerConfig c, string? file = null)
    {
        void Require(bool ok, string key, string rule)
        {
            if (!ok)
            {
                throw new SimInputException($"setting {key} is invalid", file: file, path: key, hint: rule);
            }
        }
        Require(!string.IsNullOrWhiteSpace(c.Name) && c.Name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && c.Name is not ("." or ".."), "name", "a non-empty file name");
        ParseDevice(c.Device, file);
        Require(c.Envs is >= 1 and <= 1024, "envs", "must be in [1, 1024]");
        Require(c.EnvThreads is >= 0 and <= 256, "env_threads", "must be in [0, 256]");
        Require(c.TotalSteps >= 1 || (c.TotalSteps == 0 && c.Bc.DemoSteps > 0 && c.Init is null), "total_steps",
            "must be >= 1 (0: behaviour cloning only, which needs bc.demo_steps > 0 and no init model)");
        Require(c.Generator != null || c.Scenes.Length > 0, "scenes", "give at least one scene or a generator block");
        Require(c.CheckpointEvery >= 1, "checkpoint_every", "must be >= 1");
        if (c.Generator is { } g)
        {
            Require(g.Count is >= 1 and <= 1024, "generator.count", "must be in [1, 1024]");
            Require(g.TimeLimit > 0, "generator.time_limit", "must be > 0 seconds");
            Require(g.MaxSpeed is >= 1 and <= 90, "generator.max_speed", "must be in [1, 90] m/s");
        }
        if (c.Perception is { } p)
        {
            Require(!string.IsNullOrWhiteSpace(p.LaneModel), "perception.lane_model", "an ONNX lane model path (relative to the repository root), e.g. " + Perception.Loop.PerceptionConfig.ShippedLaneModel);
            Require(!string.IsNullOrWhiteSpace(p.ObjectModel), "perception.object_model", "an ONNX object model path (relative to the repository root), e.g. " + Perception.Loop.PerceptionConfig.ShippedObjectModel);
            Require(p.Threads is >= 1 and <= 64, "perception.threads", "must be in [1, 64]");
            Require(p.Ep != Perception.Onnx.ExecutionProvider.Dml || OperatingSystem.IsWindows(), "perception.ep", "dml (DirectML) runs on Windows only: use cpu or cuda");
            Require(c.Bc.Demos.Length == 0, "bc.demos", "recorded demonstrations carry no perception features: with a perception block use bc.demo_steps (autopilot demonstrations) only");
        }
        Require(c.Bc.DemoSteps >= 0, "bc.demo_steps", "must be >= 0");
        Require(c.SceneEgo is null || c.Generator is null, "scene_ego",
            "with a generator, listed scenes get the generator's ego_sensors and max_speed: remove scene_ego");
        Require(c.Generator is null || c.Generator.AddScenes.All(s => !string.IsNullOrWhiteSpace(s)), "generator.add_scenes", "scene names must not be empty");
        Require(c.Init is null || !string.IsNullOrWhiteSpace(c.Init.Model), "init.model", "a model file path, e.g. runs/<name>/checkpoints/best.pt");
        // A run with init skips behaviour cloning; without, cloning would train the encoder that PPO keeps frozen.
        Require(!c.Ppo.FreezeEncoder || c.Init != null || (c.Bc.DemoSteps == 0 && c.Bc.Demos.Length == 0) || c.Bc.Epochs == 0, "ppo.freeze_encoder",
            "behaviour cloning would train the frozen encoder: set bc.demo_steps 0 and no bc.demos, start from a model (init), or do not freeze");
        Require(c.Bc.SteerNoise is >= 0 and <= 1, "bc.steer_noise", "must be in [0, 1]");
        Require(c.Bc.Demos.All(d => !string.IsNullOrWhiteSpace(d)), "bc.demos", "paths must not be empty");
        Require(c.ActionRepeat is >= 1 and <= 16, "action_repeat", "must be in [1, 16]");
        Require(c.Bc.Epochs >= 0, "bc.epochs", "must be >= 0");
        Require(c.Bc.LearningRate > 0, "bc.learning_rate", "must be > 0");
        Require(c.Bc.BatchSize >= 1, "bc.batch_size", "must be >= 1");
        Require(c.Eval.Every >= 0, "eval.every", "must be >= 0 (0 = only at the end)");
        Require(c.Eval.Episodes >= 1, "eval.episodes", "must be >= 1");
        Require(c.Eval.Tracks >= 1, "eval.tracks", "must be >= 1");
        Require(c.Eval.MaxSteps >= 0, "eval.max_steps", "must be >= 0");
        try
        {
            c.ResolvedPpo().Validate(c.Envs);
        }
        catch (SimInputException e)
        {
            throw new SimInputException(e.Problem, file: file, path: "ppo." + e.Path, hint: e.Hint);
        }
    }
}
