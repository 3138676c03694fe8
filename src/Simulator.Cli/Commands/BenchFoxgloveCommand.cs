using System.CommandLine;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Telemetry.Channels;
using Simulator.Telemetry.Live;
using Simulator.Telemetry.Messages;
using Spectre.Console;

namespace Simulator.Cli.Commands;

/// <summary>
/// `sim bench foxglove`: env steps per second of an autopilot drive (as `sim drive --foxglove` runs it, plus a camera
/// frame offered every step) with no server, with a server and no client, and with one local client subscribed to
/// every channel. Cases are interleaved over rounds so that drifts of a shared machine hit all of them alike.
/// </summary>
internal static class BenchFoxgloveCommand
{
    private enum Case { NoServer, ServerNoClient, OneClient }

    public static Command Create()
    {
        var scene = CommonOptions.Scene();
        var seconds = CommonOptions.Number("--seconds", "Measuring time per case and round", 2.0, 0, 600, minExclusive: true);
        var rounds = CommonOptions.Positive("--rounds", "Rounds (each runs every case once)", 3, 100);
        var side = CommonOptions.Int("--camera", "Side of the square RGBA camera frame offered each step (0: none)", 96, 0, 1024);
        var json = CommonOptions.Json();
        var cmd = new Command("foxglove", "Env steps per second with no Foxglove server, a server without clients, and one client subscribed to everything")
        {
            scene, seconds, rounds, side, json,
        };
        cmd.SetAction((parse, cancel) => Run(parse, SceneCompiler.Load(CommonOptions.ResolveScene(parse.GetValue(scene)!)), parse.GetValue(seconds),
            parse.GetValue(rounds), parse.GetValue(side), parse.GetValue(json), cancel));
        return cmd;
    }

    private static async Task<int> Run(ParseResult parse, CompiledScene scene, double seconds, int rounds, int side, bool json, CancellationToken cancel)
    {
        var env = new DrivingEnv(scene, new EnvOptions { Autopilot = true });
        var obs = new float[env.Observation.VectorSize];
        var pixels = new byte[side * side * 4];
        new Random(1).NextBytes(pixels);
        var rates = new Dictionary<Case, List<double>> { [Case.NoServer] = [], [Case.ServerNoClient] = [], [Case.OneClient] = [] };
        // CPU time of the whole process per step (sim thread, encoder, sends, the local client): less sensitive than
        // wall time to other programs sharing the machine, and it counts the work moved off the sim thread too.
        var cpu = new Dictionary<Case, List<double>> { [Case.NoServer] = [], [Case.ServerNoClient] = [], [Case.OneClient] = [] };
        using var self = Process.GetCurrentProcess();
        using var live = FoxgloveLive.Start(FoxgloveEndpoint.Loopback(0));
        long received = 0, receivedBytes = 0;
        ulong seed = 1;
        env.Reset(seed, obs);
        // Warm-up (JIT tiers, caches) of both paths before anything is measured.
        double measured = seconds;
        seconds = Math.Min(seconds, 1.0);
        Measure(null);
        Measure(live);
        seconds = measured;
        for (int r = 0; r < rounds; r++)
        {
            Record(Case.NoServer, null);
            Record(Case.ServerNoClient, live);
            using var client = await BenchClient.ConnectAsync(live.Server.Port, cancel).ConfigureAwait(false);
            while (!AllSubscribed(live.Server))
            {
                await Task.Delay(5, cancel).ConfigureAwait(false);
            }
            Record(Case.OneClient, live);
            (long m, long b) = await client.CloseAsync().ConfigureAwait(false);
            received += m;
            receivedBytes += b;
            while (live.Server.ClientCount > 0)
            {
                await Task.Delay(5, cancel).ConfigureAwait(false);
            }
        }

        void Record(Case c, FoxgloveLive? publisher)
        {
            self.Refresh();
            var before = self.TotalProcessorTime;
            var (rate, steps) = Measure(publisher);
            self.Refresh();
            rates[c].Add(rate);
            cpu[c].Add((self.TotalProcessorTime - before).TotalMicroseconds / steps);
        }

        (double Rate, long Steps) Measure(FoxgloveLive? publisher)
        {
            long steps = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                var outcome = env.Step(default(DrivingAction), obs);
                steps++;
                publisher?.Publish(env.Snapshot, side > 0 ? new CameraFrame(pixels, side, side, 4) : default, EgoSample.Of(env));
                if (outcome.Done)
                {
                    env.Reset(++seed, obs);
                    publisher?.Publish(env.Snapshot, side > 0 ? new CameraFrame(pixels, side, side, 4) : default, EgoSample.Of(env));
                }
            }
            return (steps / clock.Elapsed.TotalSeconds, steps);
        }

        double baseline = Median(rates[Case.NoServer]);
        double baseCpu = Median(cpu[Case.NoServer]);
        var rows = rates.Select(kv => new
        {
            Case = kv.Key.ToString(), StepsPerSecond = Median(kv.Value), Ratio = Median(kv.Value) / baseline, Rounds = kv.Value,
            CpuMicrosecondsPerStep = Median(cpu[kv.Key]), CpuRatio = Median(cpu[kv.Key]) / baseCpu,
        }).ToList();
        var output = new Output(parse);
        if (json)
        {
            output.Json(new
            {
                Scene = scene.Name, Seconds = seconds, CameraSide = side, Cases = rows, MessagesReceived = received, BytesReceived = receivedBytes,
                live.TakenSnapshots, live.SkippedSnapshots, live.EncodedMessages, live.Server.SentMessages, live.Server.DroppedMessages,
            });
            return 0;
        }
        output.Line($"bench foxglove: scene '{scene.Name}', {rounds} rounds × {seconds:0.##} s per case, camera {side}×{side} RGBA offered every step, {Environment.ProcessorCount} cores");
        var table = new Table().AddColumns("case", "env steps/s (median)", "vs no server", "CPU µs/step (all threads)", "vs no server", "rounds (steps/s)");
        foreach (var row in rows)
        {
            table.AddRow(row.Case, Output.F(row.StepsPerSecond, "#,0"), Output.F(row.Ratio * 100, "0.0") + " %", Output.F(row.CpuMicrosecondsPerStep, "0.000"),
                Output.F(row.CpuRatio * 100, "0.0") + " %", string.Join(", ", row.Rounds.Select(v => Output.F(v, "#,0"))));
        }
        output.Console.Write(table);
        output.Line($"client: {received} messages, {receivedBytes / 1e6:0.0} MB; publisher: {live.TakenSnapshots} snapshots taken (≤ 30/s), {live.SkippedSnapshots} skipped, " +
            $"{live.EncodedMessages} messages encoded, {live.Server.SentMessages} sent, {live.Server.DroppedMessages} dropped");
        return 0;
    }

    private static bool AllSubscribed(FoxgloveServer server)
    {
        for (int c = 0; c < server.Channels.Length; c++)
        {
            if (!server.HasSubscribers(c))
            {
                return false;
            }
        }
        return true;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>A minimal Foxglove client: subscribes to every channel and reads (and counts) everything it is sent.</summary>
    private sealed class BenchClient : IDisposable
    {
        private readonly ClientWebSocket _socket;
        private readonly Task _reading;
        private long _messages, _bytes;

        private BenchClient(ClientWebSocket socket)
        {
            _socket = socket;
            _reading = Task.Run(ReadAsync);
        }

        public static async Task<BenchClient> ConnectAsync(int port, CancellationToken cancel)
        {
            var socket = new ClientWebSocket();
            socket.Options.AddSubProtocol(FoxgloveServer.Subprotocol);
            await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{port}"), cancel).ConfigureAwait(false);
            var subscriptions = string.Join(",", Enumerable.Range(1, TelemetryChannels.All.Length).Select(id => $"{{\"id\":{id},\"channelId\":{id}}}"));
            await socket.SendAsync(Encoding.UTF8.GetBytes($"{{\"op\":\"subscribe\",\"subscriptions\":[{subscriptions}]}}"), WebSocketMessageType.Text, true, cancel)
                .ConfigureAwait(false);
            return new BenchClient(socket);
        }

        public async Task<(long Messages, long Bytes)> CloseAsync()
        {
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
                await _reading.ConfigureAwait(false);
            }
            catch (WebSocketException)
            {
                // Closed from the other side already.
            }
            return (Interlocked.Read(ref _messages), Interlocked.Read(ref _bytes));
        }

        public void Dispose() => _socket.Dispose();

        private async Task ReadAsync()
        {
            var buffer = new byte[1 << 20];
            try
            {
                while (true)
                {
                    var r = await _socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                    if (r.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }
                    Interlocked.Add(ref _bytes, r.Count);
                    if (r.EndOfMessage)
                    {
                        Interlocked.Increment(ref _messages);
                    }
                }
            }
            catch (WebSocketException)
            {
                // The bench closes the connection; nothing to report.
            }
        }
    }
}
