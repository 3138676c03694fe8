using System.Collections.Immutable;

namespace Simulator.Telemetry.Channels;

/// <summary>
/// The channels of the simulator's telemetry: the single definition used by the live Foxglove stream and by
/// recordings. Messages are JSON described by JSON Schema (see the README for why not protobuf).
/// </summary>
public static class TelemetryChannels
{
    public const string Json = "json";
    public const string JsonSchema = "jsonschema";

    /// <summary>Frame of the world (X east, Y north, Z up, metres).</summary>
    public const string WorldFrameId = "world";
    /// <summary>Frame of the ego vehicle (x forward, y left, z up; origin at its ground point).</summary>
    public const string EgoFrameId = "ego";
    /// <summary>Optical frame of the ego's camera (x right, y down, z forward), the frame of its images.</summary>
    public const string CameraFrameId = "camera";

    /// <summary>The agent's camera frames (JPEG).</summary>
    public static ChannelDefinition Camera { get; } = Define("/camera/agent", "foxglove.CompressedImage", JsonSchemas.CompressedImage);

    /// <summary>The track (road, markings, kerbs, barriers) as triangle lists; sent on subscribe and when the scene changes.</summary>
    public static ChannelDefinition Track { get; } = Define("/scene/track", "foxglove.SceneUpdate", JsonSchemas.SceneUpdate);

    /// <summary>Vehicles, props and walkers as cubes, one entity per actor (id <c>actor/&lt;instance id&gt;</c>).</summary>
    public static ChannelDefinition Actors { get; } = Define("/scene/actors", "foxglove.SceneUpdate", JsonSchemas.SceneUpdate);

    /// <summary>world → ego and world → camera.</summary>
    public static ChannelDefinition Transforms { get; } = Define("/tf", "foxglove.FrameTransforms", JsonSchemas.FrameTransforms);

    /// <summary>Speed, applied controls, lap progress of the ego (plot-friendly numbers).</summary>
    public static ChannelDefinition EgoState { get; } = Define("/ego/state", "sim.EgoState", JsonSchemas.EgoState);

    /// <summary>Reward terms of the last step.</summary>
    public static ChannelDefinition Reward { get; } = Define("/ego/reward", "sim.RewardTerms", JsonSchemas.RewardTerms);

    /// <summary>PPO metrics, one message per iteration.</summary>
    public static ChannelDefinition Training { get; } = Define("/training/metrics", "sim.TrainingMetrics", JsonSchemas.TrainingMetrics);

    /// <summary>Detected objects and fitted lane lines over the agent camera's image (perception on).</summary>
    public static ChannelDefinition PerceptionAnnotations { get; } = Define("/perception/annotations", "foxglove.ImageAnnotations", JsonSchemas.ImageAnnotations);

    /// <summary>Running perception scores against ground truth and the inference cost (perception on).</summary>
    public static ChannelDefinition PerceptionScores { get; } = Define("/perception/scores", "sim.PerceptionScores", JsonSchemas.PerceptionScores);

    /// <summary>Every channel, in the order writers number them (index + 1 is the channel id; new channels go last).</summary>
    public static ImmutableArray<ChannelDefinition> All { get; } = [Camera, Track, Actors, Transforms, EgoState, Reward, Training, PerceptionAnnotations, PerceptionScores];

    /// <summary>Index of a channel in <see cref="All"/>.</summary>
    public static int IndexOf(ChannelDefinition channel) => All.IndexOf(channel);

    private static ChannelDefinition Define(string topic, string schemaName, string schema) =>
        new(topic, schemaName, Json, JsonSchema, schema.ReplaceLineEndings("").Trim());
}
