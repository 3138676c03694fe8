using System.CommandLine;
using Simulator.Driving.Env;
using Simulator.Telemetry.Live;
using Simulator.Telemetry.Messages;

namespace Simulator.Cli.Commands;

/// <summary>`--foxglove [HOST:]PORT`: live telemetry for Foxglove or Lichtblick, shared by `drive` and `train`.</summary>
internal static class LiveTelemetry
{
    public const string OptionName = "--foxglove";

    public static Option<FoxgloveEndpoint?> Option() => CommonOptions.Endpoint(OptionName,
        "Serve live telemetry (camera, 3D scene, transforms, plots) over the Foxglove WebSocket protocol; open it in Foxglove or Lichtblick");

    /// <summary>Starts the server when the option is given (a port in use: one-line error, exit 2) and says where to connect.</summary>
    public static FoxgloveLive? Start(ParseResult parse)
    {
        var endpoint = parse.GetValue<FoxgloveEndpoint?>(OptionName);
        if (endpoint is null)
        {
            return null;
        }
        var live = FoxgloveLive.Start(endpoint);
        parse.InvocationConfiguration.Error.WriteLine($"sim: Foxglove live on {live.Url} (Foxglove or Lichtblick: Open connection → Foxglove WebSocket → {live.Url})");
        return live;
    }

    /// <summary>An episode observer that offers every reset and step of the env to the live stream.</summary>
    /// <param name="perception">When set, its latest overlay (of the same step) is published with the step.</param>
    public static Action<DrivingEnv>? Observer(FoxgloveLive? live, Perception.Loop.LivePerception? perception = null) =>
        live is null ? null : env =>
        {
            // Checked here too so that an unwatched run does not even gather the ego's numbers.
            if (live.Server.AnySubscribers)
            {
                live.Publish(env.Snapshot, PerceptionFrame(perception), EgoSample.Of(env), perception?.Overlay);
            }
        };

    /// <summary>With perception on, /camera/agent carries the frame perception ran on, so that its annotations
    /// (/perception/annotations) lie on the image they were found in.</summary>
    public static CameraFrame PerceptionFrame(Perception.Loop.LivePerception? perception) =>
        perception?.Overlay is { HasImage: true } o ? new CameraFrame(o.Image, o.ImageWidth, o.ImageHeight, 4) : default;

    /// <summary>
    /// Wraps <paramref name="inner"/> so that the run keeps pace with simulated time: after each step it sleeps while
    /// the simulated time of the whole run is ahead of the wall clock. Only the host waits; the simulation and its
    /// results are the same as unpaced.
    /// </summary>
    public static Action<DrivingEnv> Paced(Action<DrivingEnv>? inner, double fixedDeltaTime)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        double simulated = 0;
        return env =>
        {
            inner?.Invoke(env);
            if (env.Snapshot.Step > 0)
            {
                simulated += fixedDeltaTime;
            }
            double ahead = simulated - clock.Elapsed.TotalSeconds;
            if (ahead > 0.002)
            {
                Thread.Sleep(TimeSpan.FromSeconds(ahead));
            }
        };
    }

    /// <summary>One line for stderr at the end of a run: what reached the clients and what slow clients lost.</summary>
    public static void Report(ParseResult parse, FoxgloveLive? live)
    {
        if (live is null)
        {
            return;
        }
        var s = live.Server;
        parse.InvocationConfiguration.Error.WriteLine(
            $"sim: Foxglove: {s.Connections} connection(s), {live.TakenSnapshots} snapshots taken, {s.SentMessages} messages sent, {s.DroppedMessages} dropped for slow clients");
    }
}
