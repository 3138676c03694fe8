using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Runtime.CompilerServices;
using Simulator.Recording;
using Simulator.Telemetry.Live;
using Simulator.Telemetry.Messages;
using Simulator.Viewer;
using Simulator.Viewer.Replay;

namespace Simulator.Cli.Commands;

/// <summary>
/// `sim replay FILE` without --info/--verify/--export: the viewer (the same window as `sim watch`) on the re-simulated
/// recording with a timeline along the bottom, and/or a live Foxglove stream of it (--no-window: stream only, paced at
/// --speed, until the end).
/// </summary>
internal static class ReplayWatch
{
    private sealed record Options(ViewerOptionSet Viewer, Option<double> Speed, Option<double?> Start, Option<bool> Paused, Option<bool> NoWindow,
        PerceptionOptionSet Perception);

    private static readonly ConditionalWeakTable<Command, Options> s_options = [];

    /// <summary>Adds the viewer options of `sim replay` (window size, speed, ...; not --frames, which is the PNG export).</summary>
    public static void AddOptions(Command cmd)
    {
        ArgumentNullException.ThrowIfNull(cmd);
        var o = new Options(
            ViewerOptionSet.ForReplay(),
            CommonOptions.Number("--speed", "Replay speed at the start: simulated seconds per second, 0.25 to 8, or 0 for as fast as it re-simulates (keys - and = change it)", 1, 0, 8),
            CommonOptions.OptionalNumber("--start", "Start at this many simulated seconds from the episode start", 0, 1e7),
            new Option<bool>("--paused") { Description = "Start paused (Space plays)" },
            new Option<bool>("--no-window") { Description = "No window: stream the replay to --foxglove at --speed until its end (headless servers)" },
            PerceptionOptionSet.Create());
        o.Viewer.AddTo(cmd);
        o.Perception.AddTo(cmd);
        cmd.Options.Add(o.Speed);
        cmd.Options.Add(o.Start);
        cmd.Options.Add(o.Paused);
        cmd.Options.Add(o.NoWindow);
        o.Speed.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && double.TryParse(r.Tokens[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double speed) && speed is > 0 and < 0.25)
            {
                r.AddError("--speed must be from 0.25 to 8, or 0 for as fast as possible");
            }
        });
        cmd.Validators.Add(r =>
        {
            if (!r.GetValue(o.NoWindow))
            {
                return;
            }
            bool foxglove = false;
            foreach (SymbolResult child in r.Children)
            {
                foxglove |= child is OptionResult { Option.Name: LiveTelemetry.OptionName };
            }
            if (!foxglove)
            {
                r.AddError("--no-window streams the replay: give --foxglove [HOST:]PORT too");
            }
            if (r.GetValue(o.Paused))
            {
                r.AddError("--paused needs the window (nothing could resume a headless replay)");
            }
        });
        cmd.Description += "\nViewer keys:\n" + KeyBindings.Describe(replay: true);
        s_options.Add(cmd, o);
    }

    /// <summary>Opens the viewer with a timeline on the re-simulated recording (and/or streams it to <paramref name="live"/>); returns the exit code.</summary>
    public static int Run(ParseResult parse, EpisodeRecording recording, FoxgloveLive? live, Output output)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(output);
        if (!s_options.TryGetValue(parse.CommandResult.Command, out Options? o))
        {
            throw new InvalidOperationException("ReplayWatch.AddOptions was not called on this command");
        }
        using var timeline = new ReplaySessionTimeline(recording);
        var control = new ViewerControl { TimeScale = parse.GetValue(o.Speed), Paused = parse.GetValue(o.Paused) };
        if (parse.GetValue(o.Start) is { } start)
        {
            timeline.Seek((long)Math.Round(start / timeline.StepSeconds));
        }
        var status = ReplayStatus.Of(timeline);
        // Perception runs on the re-simulated world, so it works on recordings made without it.
        using var perceiving = o.Perception.Start(parse);
        Action? publish = live is null ? null : () =>
        {
            if (live.Server.AnySubscribers)
            {
                live.Publish(timeline.Env.Snapshot, LiveTelemetry.PerceptionFrame(perceiving), EgoSample.Of(timeline.Env), perceiving?.Overlay);
            }
        };
        Func<Driving.Env.DrivingEnv, Telemetry.Messages.PerceptionOverlay?>? perceive = perceiving is null ? null : env => perceiving.Observe(env.Snapshot);
        ReplayRunResult result;
        if (parse.GetValue(o.NoWindow))
        {
            result = ReplayRun.Run(timeline, control, status, exchange: null, publish, stopAtEnd: true, perception: perceive);
            Report(output, result, status, null);
            PerceptionOptionSet.Report(parse, perceiving);
            return 0;
        }
        var exchange = new FrameExchange(1);
        ViewerOptions options = o.Viewer.Options(parse) with
        {
            Title = $"sim replay — {Path.GetFileName(recording.Path)} ({recording.Header.SceneName})",
            Replay = status,
            FinalScreenshot = o.Viewer.Screenshot(parse),
        };
        // The panel outlives the window (disposed after the host's thread has ended), and reads the host's state.
        var host = new ViewerHost(options, exchange, control);
        TimelinePanel? panel = null;
        try
        {
            panel = new TimelinePanel(status, control, host.State);
            host.AddPanel(panel, TimelinePanel.DefaultArea);
            host.Start();
            result = ReplayRun.Run(timeline, control, status, exchange, publish, perception: perceive);
            host.Close();
            host.WaitForClose(TimeSpan.FromSeconds(30));
            if (host.Failure is { } failure)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
            }
        }
        finally
        {
            host.Dispose();
            panel?.Dispose();
        }
        Report(output, result, status, host);
        PerceptionOptionSet.Report(parse, perceiving);
        return 0;
    }

    private static void Report(Output output, ReplayRunResult result, ReplayStatus status, ViewerHost? host)
    {
        if (host is not null)
        {
            output.Line(string.Create(CultureInfo.InvariantCulture, $"viewer: {host.Stats}"));
        }
        string check = status.Divergence is { } d ? $"diverged at step {d.Step} ({d.What})" : "every step re-simulated so far matched the recording";
        output.Line(string.Create(CultureInfo.InvariantCulture,
            $"replay: at step {result.FinalStep} of {status.StepCount} ({result.FinalStep * status.StepSeconds:0.0} s of {status.Duration:0.0} s), {result.StepsSimulated} steps played, {result.Seeks} seeks; {check}"));
        if (host is not null)
        {
            foreach (string shot in host.Screenshots)
            {
                output.Line($"screenshot: {shot}");
            }
        }
    }
}
