using System.Diagnostics;
using System.Globalization;
using Simulator.Recording;

namespace Simulator.Cli.Commands;

/// <summary>`sim replay --info` and `--verify`.</summary>
internal static class ReplayInfo
{
    private const int MaxEvents = 40;

    /// <summary>`--info`: scene, steps, duration, return, laps and events.</summary>
    public static int Print(EpisodeRecording recording, Output output)
    {
        RecordingHeader h = recording.Header;
        string I(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        output.Line(I($"file:       {recording.Path} ({recording.FileBytes / 1024.0:N1} KiB, {recording.Chunks} chunks)"));
        output.Line(I($"scene:      {h.SceneName} (sha256 {h.SceneHash[..12]}), {h.Hz} Hz"));
        output.Line(I($"recorded:   {h.CreatedUtc:yyyy-MM-dd HH:mm:ss} UTC by simulator {h.SimulatorVersion}: {h.Source}"));
        output.Line(I($"driver:     {(h.Autopilot ? "autopilot" : h.Model is { } m ? "model " + m : "actions")}, seed {h.Seed}, env {h.EnvIndex}{(h.CameraFrames ? ", camera frames" : "")}"));
        output.Line(I($"steps:      {recording.Steps:N0} ({recording.Duration:0.00} s simulated)"));
        if (recording.Summary is { } s)
        {
            output.Line(I($"end:        {s.End}, return {s.Return:0.00}, laps {s.Laps} (+{s.LapProgress:0.00}), best lap {Output.F(s.BestLapTime, "0.00")} s"));
            output.Line(I($"driving:    {s.Distance:0.0} m at {s.MeanSpeed * 3.6:0.0} km/h mean, {s.Collisions} collisions, {s.OffRoadTime:0.00} s off road"));
        }
        else
        {
            output.Line("end:        (not recorded: the episode did not finish in this file)");
        }
        IReadOnlyList<RecordedEvent> events = recording.Events;
        output.Line(I($"events:     {events.Count}"));
        for (int i = 0; i < Math.Min(events.Count, MaxEvents); i++)
        {
            RecordedEvent e = events[i];
            output.Line(I($"  {e.Step / (double)h.Hz,8:0.00} s  step {e.Step,7}  {e.Kind,-11} {e.Detail}"));
        }
        if (events.Count > MaxEvents)
        {
            output.Line(I($"  … and {events.Count - MaxEvents} more"));
        }
        return 0;
    }

    /// <summary>`--verify`: re-simulates every step; exit 1 with the first divergence.</summary>
    public static int Verify(EpisodeRecording recording, Output output)
    {
        var clock = Stopwatch.StartNew();
        using var replay = new ReplaySession(recording);
        while (replay.Divergence is null && replay.StepForward())
        {
        }
        clock.Stop();
        string I(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        if (replay.Divergence is { } d)
        {
            output.Line(I($"diverged at step {d.Step:N0} ({d.Step / (double)recording.Header.Hz:0.000} s): state hash {d.ActualHash:x16}, recorded {d.ExpectedHash:x16}; {d.What}"));
            return 1;
        }
        ulong final = replay.Env.StateHash();
        if (recording.FinalStateHash is { } expected && expected != final)
        {
            output.Line(I($"diverged at the end: final state hash {final:x16}, recorded {expected:x16}"));
            return 1;
        }
        if (recording.Summary is { } s && replay.Env.Info.End != s.End)
        {
            output.Line(I($"diverged at the end: the replay ended with {replay.Env.Info.End}, the recording with {s.End}"));
            return 1;
        }
        double rate = replay.SimulatedSteps / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        output.Line(I($"verified: {replay.Step:N0} steps bit-exact (every step's state hash matches; final {final:x16}) in {clock.Elapsed.TotalSeconds:0.00} s ({rate:N0} steps/s)"));
        return 0;
    }
}
