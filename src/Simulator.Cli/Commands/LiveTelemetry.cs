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
    public static Action<DrivingEnv>? Observer(FoxgloveLive? live) =>
        live is null ? null : env => live.Publish(env.Snapshot, default, EgoSample.Of(env));

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
