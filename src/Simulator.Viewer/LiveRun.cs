using System.Diagnostics;
using Simulator.Driving.Env;
using Simulator.Telemetry.Messages;

namespace Simulator.Viewer;

/// <summary>What a <see cref="LiveRun"/> did.</summary>
/// <param name="Steps">Steps simulated.</param>
/// <param name="Episodes">Episodes started (resets).</param>
/// <param name="FinalStateHash">The env's state hash after the last step.</param>
/// <param name="StepHashChain">All steps' state hashes folded together (when asked for), else 0.</param>
public readonly record struct LiveRunResult(long Steps, long Episodes, ulong FinalStateHash, ulong StepHashChain);

/// <summary>
/// Drives one env in fixed steps for a watcher: the autopilot, a policy or the manual driver's action, paced to the
/// control's time scale (unlimited = as fast as it steps), paused and single-stepped on request, reset on request
/// and at each episode's end (seed + episode number). After every step the env's snapshot and HUD numbers go into
/// the exchange's back buffer and are published; that copy is all a viewer ever sees, and publishing never waits.
/// The same loop without an exchange (or with a viewer that does nothing) produces bit-identical states.
/// </summary>
public static class LiveRun
{
    /// <param name="env">The env (with its autopilot on when <paramref name="policy"/> is null and not manual).</param>
    /// <param name="policy">Chooses each action; null: the env's own autopilot drives (or the manual action when <paramref name="manual"/>).</param>
    /// <param name="manual">Each step takes <see cref="ViewerControl.ManualAction"/> (keyboard or gamepad).</param>
    /// <param name="maxSteps">Stop after this many steps (or when the control asks to stop).</param>
    /// <param name="maxEpisodes">Stop when this many episodes have ended (0 = no limit).</param>
    /// <param name="chainHashes">Fold every step's state hash into <see cref="LiveRunResult.StepHashChain"/> (tests).</param>
    /// <param name="sink">Sees every reset and step with its action (a recorder).</param>
    /// <param name="perception">Runs perception on the env after every reset and step, before the frame is handed to
    /// the viewer (its overlay is drawn over the agent-camera inset) and before <paramref name="observer"/>.</param>
    public static LiveRunResult Run(DrivingEnv env, ulong seed, ViewerControl control, FrameExchange? exchange = null,
        DrivingPolicy? policy = null, bool manual = false, long maxSteps = long.MaxValue, long maxEpisodes = 0, bool chainHashes = false,
        Action? observer = null, IEpisodeSink? sink = null, Func<DrivingEnv, PerceptionOverlay?>? perception = null)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(control);
        return Run(new DirectStepper(env, seed, control, policy, manual, sink), control, exchange, maxSteps, maxEpisodes, chainHashes, observer, perception);
    }

    /// <summary>
    /// The same loop over any <see cref="ILiveStepper"/> (e.g. a camera model with its frame stack and action repeat):
    /// <paramref name="observer"/> runs after every reset and step on this thread (live telemetry).
    /// </summary>
    public static LiveRunResult Run(ILiveStepper stepper, ViewerControl control, FrameExchange? exchange = null,
        long maxSteps = long.MaxValue, long maxEpisodes = 0, bool chainHashes = false, Action? observer = null,
        Func<DrivingEnv, PerceptionOverlay?>? perception = null)
    {
        ArgumentNullException.ThrowIfNull(stepper);
        ArgumentNullException.ThrowIfNull(control);
        DrivingEnv env = stepper.Env;
        double dt = stepper.StepSeconds;
        long steps = 0, episodes = 0;
        ulong chain = 14695981039346656037UL;
        double rate = 0;
        long rateStart = Stopwatch.GetTimestamp(), rateSteps = 0;
        long anchorWall = rateStart;
        double anchorSim = 0, simTime = 0, anchorScale = control.TimeScale;

        void Reset()
        {
            stepper.Reset(episodes);
            episodes++;
            Offer(exchange, env, 0, steps, rate, perception?.Invoke(env));
            observer?.Invoke();
        }

        Reset();
        while (steps < maxSteps && !control.StopRequested)
        {
            if (control.TakeReset())
            {
                Reset();
                continue;
            }
            long now = Stopwatch.GetTimestamp();
            double scale = control.TimeScale;
            if (control.Paused)
            {
                if (!control.TakeStep())
                {
                    Thread.Sleep(5);
                    (anchorWall, anchorSim) = (Stopwatch.GetTimestamp(), simTime);
                    continue;
                }
                (anchorWall, anchorSim) = (now, simTime);
            }
            else if (scale > 0)
            {
                if (scale != anchorScale)
                {
                    (anchorWall, anchorSim, anchorScale) = (now, simTime, scale);
                }
                long due = anchorWall + (long)((simTime - anchorSim) / scale * Stopwatch.Frequency);
                long wait = due - now;
                if (wait > Stopwatch.Frequency / 1000)
                {
                    Thread.Sleep(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
                }
                else if (wait < -Stopwatch.Frequency / 4)
                {
                    (anchorWall, anchorSim) = (now, simTime); // cannot keep up: run as fast as possible from here
                }
            }
            bool done = stepper.Step(out float reward);
            steps++;
            simTime += dt;
            if (chainHashes)
            {
                chain = (chain ^ env.StateHash()) * 1099511628211UL;
            }
            rateSteps++;
            long t = Stopwatch.GetTimestamp();
            if (t - rateStart >= Stopwatch.Frequency / 2)
            {
                rate = rateSteps * (double)Stopwatch.Frequency / (t - rateStart);
                (rateStart, rateSteps) = (t, 0);
            }
            Offer(exchange, env, reward, steps, rate, perception?.Invoke(env));
            observer?.Invoke();
            if (done)
            {
                if (maxEpisodes > 0 && episodes >= maxEpisodes)
                {
                    break;
                }
                if (steps < maxSteps)
                {
                    Reset();
                }
            }
        }
        return new LiveRunResult(steps, episodes, env.StateHash(), chainHashes ? chain : 0);
    }

    private static void Offer(FrameExchange? exchange, DrivingEnv env, float reward, long steps, double rate, PerceptionOverlay? perception)
    {
        if (exchange is null)
        {
            return;
        }
        exchange.Back[0].Fill(env, reward, steps, rate);
        exchange.Back[0].FillPerception(perception);
        exchange.Publish();
    }

    private sealed class DirectStepper(DrivingEnv env, ulong seed, ViewerControl control, DrivingPolicy? policy, bool manual, IEpisodeSink? sink) : ILiveStepper
    {
        private readonly float[] _obs = new float[env.Observation.VectorSize];

        public DrivingEnv Env => env;
        public double StepSeconds => env.Scene.FixedDeltaTime;

        public void Reset(long episode)
        {
            env.Reset(seed + (ulong)episode, _obs);
            sink?.EpisodeStarted(env, seed + (ulong)episode);
        }

        public bool Step(out float reward)
        {
            DrivingAction action = manual ? control.ManualAction : policy is null ? default : policy(_obs, env);
            StepOutcome o = env.Step(action, _obs);
            sink?.Stepped(env, action, o);
            reward = o.Reward;
            return o.Done;
        }
    }
}
