using System.Collections.Immutable;

namespace Simulator.Telemetry.Channels;

/// <summary>
/// The channels only recordings carry (replay data), defined beside <see cref="TelemetryChannels"/> so that a recording
/// declares every channel from one place: the visual channels of the live stream plus these. The binary ones use a
/// documented little-endian layout (schema encoding <c>x-sim-layout</c>: the schema text describes it).
/// </summary>
public static class RecordingChannels
{
    /// <summary>Message and schema encoding of the binary replay channels.</summary>
    public const string Binary = "x-sim-binary";
    public const string LayoutText = "x-sim-layout";

    /// <summary>Blocks of consecutive steps: actions, applied controls, rewards and terms, state hashes, flags, sampled actor poses.</summary>
    public static ChannelDefinition Steps { get; } = new("/sim/steps", "sim.StepBlock", Binary, LayoutText,
        "StepBlock v1, little-endian: u32 firstStep, u16 count n, u16 actors V, u16 samples m, u16 reserved; steer[n] and accel[n] as given "
        + "to Step, exact f32, each value's bits XOR the previous value's, in 4 byte planes (low byte first); then 10 half-float columns of n "
        + "(applied steer, applied accel, speed, reward, progress, speed term, centering, off-road, collision, smoothness), bits XOR the previous, "
        + "2 byte planes; u64 stateHash[n]; u8 flags[n] (1 terminated, 2 truncated, 4 sanitized); u32 sampleStep[m]; u32 instanceId[m*V]; "
        + "then x, y (i32 mm) and yaw (i32 1e-4 rad) of each sampled actor, as the zigzag-coded change since the same actor one sample "
        + "earlier, in 4 byte planes over all m*V*3 values. "
        + "Step k is the state after the k-th Step (log time k/Hz).");

    /// <summary>Full simulation state (DrivingEnv.SaveState) at a step, for seeking.</summary>
    public static ChannelDefinition Checkpoint { get; } = new("/sim/checkpoint", "sim.Checkpoint", Binary, LayoutText,
        "Checkpoint v1, little-endian: u32 step; then the bytes of DrivingEnv.SaveState after that step.");

    /// <summary>Events of the episode (collision, lap, off-road, on-road, episode-end), JSON.</summary>
    public static ChannelDefinition Events { get; } = new("/sim/events", "sim.Event", TelemetryChannels.Json, TelemetryChannels.JsonSchema,
        """{"title":"sim.Event","type":"object","properties":{"step":{"type":"integer"},"time":{"type":"number"},"kind":{"type":"string"},"detail":{"type":"string"}}}""");

    /// <summary>The episode's summary, written once when it ends, JSON.</summary>
    public static ChannelDefinition Episode { get; } = new("/sim/episode", "sim.EpisodeSummary", TelemetryChannels.Json, TelemetryChannels.JsonSchema,
        """{"title":"sim.EpisodeSummary","type":"object","properties":{"steps":{"type":"integer"},"end":{"type":"string"},"laps":{"type":"integer"},"lap_progress":{"type":"number"},"last_lap_time":{"type":"number"},"best_lap_time":{"type":"number"},"distance":{"type":"number"},"time":{"type":"number"},"collisions":{"type":"integer"},"yield_failures":{"type":"integer"},"off_road_time":{"type":"number"},"return":{"type":"number"},"final_state_hash":{"type":"string"}}}""");

    /// <summary>The replay channels, in the order a recording numbers them after the telemetry channels.</summary>
    public static ImmutableArray<ChannelDefinition> All { get; } = [Steps, Checkpoint, Events, Episode];
}
