using System.Diagnostics;

namespace Simulator.Viewer.Replay;

/// <summary>What a <see cref="ReplayRun"/> did.</summary>
/// <param name="StepsSimulated">Steps taken forward while playing or single-stepping (seeks not counted).</param>
/// <param name="Seeks">Seeks and steps back done.</param>
/// <param name="FinalStep">The step shown at the end.</param>
public readonly record struct ReplayRunResult(long StepsSimulated, long Seeks, long FinalStep);

/// <summary>
/// Plays a <see cref="IReplayTimeline"/> for a watcher, the replay counterpart of <see cref="LiveRun"/>: forward at the
/// control's time scale (unlimited = as fast as it re-simulates), paused and single-stepped on request, and moved by
/// the control's seek requests (step back, ± seconds, to a step; a reset request goes to step 0). After every move the timeline's snapshot goes into
/// the exchange (the frame's <see cref="ViewerFrame.RunSteps"/> is the timeline's step) and the status is updated;
/// the observer runs (live telemetry). At the end it pauses and waits; resuming there starts again from step 0.
/// Runs on the calling thread until the control asks to stop (the window closed), or at the end with
/// <paramref name="stopAtEnd"/> (headless streaming).
/// </summary>
public static class ReplayRun
{
    /// <param name="perception">Runs perception on the replayed env at every shown step, before the frame goes to the
    /// viewer (drawn over its camera inset) and before <paramref name="observer"/>.</param>
    public static ReplayRunResult Run(IReplayTimeline timeline, ViewerControl control, ReplayStatus? status = null,
        FrameExchange? exchange = null, Action? observer = null, bool stopAtEnd = false,
        Func<Driving.Env.DrivingEnv, Telemetry.Messages.PerceptionOverlay?>? perception = null)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(control);
        long forward = 0, seeks = 0;
        double dt = timeline.StepSeconds;
        long anchorWall = Stopwatch.GetTimestamp();
        long anchorStep = timeline.Step;
        double anchorScale = control.TimeScale;

        void Show()
        {
            var overlay = perception?.Invoke(timeline.Env);
            if (exchange != null)
            {
                exchange.Back[0].Fill(timeline.Env, timeline.LastReward, timeline.Step, 0);
                exchange.Back[0].FillPerception(overlay);
                exchange.Publish();
            }
            status?.Update(timeline);
            observer?.Invoke();
        }

        Show();
        if (timeline.Step >= timeline.StepCount)
        {
            control.Paused = true;
        }
        while (!control.StopRequested)
        {
            bool reset = control.TakeReset(); // Backspace: the episode from its start
            if (control.TakeSeek(out long? target, out double seconds, out int back) || reset)
            {
                long to = reset ? 0 : Math.Min(target ?? timeline.Step, timeline.StepCount);
                to += (long)Math.Round(seconds / dt);
                to -= back;
                to = Math.Clamp(to, 0, timeline.StepCount);
                if (to == timeline.Step - 1)
                {
                    timeline.StepBack();
                }
                else if (to != timeline.Step)
                {
                    timeline.Seek(to);
                }
                seeks++;
                (anchorWall, anchorStep) = (Stopwatch.GetTimestamp(), timeline.Step);
                if (timeline.Step >= timeline.StepCount)
                {
                    control.Paused = true;
                }
                Show();
                continue;
            }
            if (timeline.Step >= timeline.StepCount)
            {
                if (stopAtEnd)
                {
                    break;
                }
                if (control.Paused)
                {
                    control.TakeStep(); // nothing to step into
                    Thread.Sleep(5);
                    continue;
                }
                // Resumed at the end: play again from the start.
                timeline.Seek(0);
                seeks++;
                (anchorWall, anchorStep) = (Stopwatch.GetTimestamp(), 0);
                Show();
                continue;
            }
            long now = Stopwatch.GetTimestamp();
            double scale = control.TimeScale;
            if (control.Paused)
            {
                if (!control.TakeStep())
                {
                    Thread.Sleep(5);
                    (anchorWall, anchorStep) = (Stopwatch.GetTimestamp(), timeline.Step);
                    continue;
                }
                (anchorWall, anchorStep) = (now, timeline.Step);
            }
            else if (scale > 0)
            {
                if (scale != anchorScale)
                {
                    (anchorWall, anchorStep, anchorScale) = (now, timeline.Step, scale);
                }
                long due = anchorWall + (long)((timeline.Step - anchorStep) * dt / scale * Stopwatch.Frequency);
                long wait = due - now;
                if (wait > Stopwatch.Frequency / 1000)
                {
                    // Sleep in short slices so that seeks and pauses act at once even at 0.25x.
                    Thread.Sleep(TimeSpan.FromTicks(Math.Min(wait, Stopwatch.Frequency / 50) * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
                    continue;
                }
                if (wait < -Stopwatch.Frequency / 4)
                {
                    (anchorWall, anchorStep) = (now, timeline.Step); // cannot keep up: as fast as possible from here
                }
            }
            if (timeline.StepForward())
            {
                forward++;
            }
            if (timeline.Step >= timeline.StepCount && !stopAtEnd)
            {
                control.Paused = true;
            }
            Show();
        }
        return new ReplayRunResult(forward, seeks, timeline.Step);
    }
}
