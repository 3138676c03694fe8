using System.CommandLine;
using Simulator.Core;
using Simulator.Perception.Loop;
using Simulator.Perception.Onnx;
using Simulator.Rendering.Vulkan;

namespace Simulator.Cli.Commands;

/// <summary>
/// Perception options, with the same names and meanings on every command that runs perception in the loop
/// (`watch`, `drive`, `replay`, `eval perception`): `--perception [on|optional|off]`, `--lane-model`,
/// `--object-model` (a path, or `none` to run without that model), `--ep cpu|cuda|dml`, `--perception-threads`.
/// Model files are checked when perception starts, not while parsing, so that `--perception optional` can go on
/// without them.
/// </summary>
internal sealed class PerceptionOptionSet
{
    private Option<string?> _mode = null!;
    private Option<string> _lanes = null!;
    private Option<string> _objects = null!;
    private Option<string> _ep = null!;
    private Option<int> _threads = null!;

    /// <param name="alwaysOn">The command is about perception (`eval perception`, `bench perception`): no --perception switch.</param>
    public static PerceptionOptionSet Create(bool alwaysOn = false)
    {
        var set = new PerceptionOptionSet { AlwaysOn = alwaysOn };
        if (!alwaysOn)
        {
            set._mode = new Option<string?>("--perception")
            {
                Description = "Run lane and object detection (ONNX Runtime) on the ego's front camera every step, scored against ground truth: "
                    + "on (a model that cannot be loaded stops the command), optional (it turns perception off, said once), off (the default)",
                Arity = ArgumentArity.ZeroOrOne,
            };
            set._mode.AcceptOnlyFromAmong("on", "optional", "off");
        }
        set._lanes = new Option<string>("--lane-model")
        {
            Description = $"Lane model (ONNX, model convention v1: see src/Simulator.Perception/README.md), or 'none'",
            DefaultValueFactory = _ => PerceptionConfig.ShippedLaneModel,
        };
        set._objects = new Option<string>("--object-model")
        {
            Description = $"Object model (ONNX, model convention v1), or 'none'",
            DefaultValueFactory = _ => PerceptionConfig.ShippedObjectModel,
        };
        set._ep = new Option<string>("--ep")
        {
            Description = "ONNX Runtime execution provider: cpu, cuda (NVIDIA GPU with the CUDA build of ONNX Runtime), dml (DirectML, Windows only)",
            DefaultValueFactory = _ => "cpu",
        };
        set._ep.AcceptOnlyFromAmong("cpu", "cuda", "dml");
        set._threads = CommonOptions.Int("--perception-threads", "ONNX Runtime threads per model (1: inference runs on the simulation thread only)", 1, 1, 64);
        return set;
    }

    public bool AlwaysOn { get; private init; }

    public void AddTo(Command command)
    {
        if (!AlwaysOn)
        {
            command.Options.Add(_mode);
        }
        command.Options.Add(_lanes);
        command.Options.Add(_objects);
        command.Options.Add(_ep);
        command.Options.Add(_threads);
    }

    /// <summary>True when the command line turns perception on (or the command always runs it).</summary>
    public bool Enabled(ParseResult parse) => AlwaysOn || Mode(parse) != "off";

    private string Mode(ParseResult parse)
    {
        if (AlwaysOn)
        {
            return "on";
        }
        System.CommandLine.Parsing.OptionResult? given = parse.GetResult(_mode);
        if (given is null || given.Implicit)
        {
            return "off";
        }
        return parse.GetValue(_mode) ?? "on";
    }

    /// <summary>The configuration the options describe (model paths relative to the repository root when not found as given).</summary>
    public PerceptionConfig Config(ParseResult parse, bool score = true) => new()
    {
        LaneModel = ModelPath(parse.GetValue(_lanes)!),
        ObjectModel = ModelPath(parse.GetValue(_objects)!),
        Run = new OnnxRunOptions { Provider = OnnxRunOptions.ParseProvider(parse.GetValue(_ep)!), IntraOpThreads = parse.GetValue(_threads) },
        Optional = Mode(parse) == "optional",
        Score = score,
    };

    /// <summary>Starts live perception when the options turn it on (null when off, or when optional and it could not start:
    /// then the reason was said once on stderr).</summary>
    public LivePerception? Start(ParseResult parse, VulkanRenderer? renderer = null)
    {
        if (!Enabled(parse))
        {
            return null;
        }
        return LivePerception.Start(Config(parse), renderer, parse.InvocationConfiguration.Error);
    }

    private static string? ModelPath(string text)
    {
        if (string.Equals(text, "none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (File.Exists(text) || Path.IsPathRooted(text))
        {
            return text;
        }
        string shipped = Path.Combine(CommonOptions.RepoRoot(), text);
        return File.Exists(shipped) ? shipped : text;
    }

    /// <summary>One line for stderr at the end of a run with perception: the scores over every frame it saw.</summary>
    public static void Report(ParseResult parse, LivePerception? perception)
    {
        if (perception is null)
        {
            return;
        }
        var s = perception.Scorer?.Scores(perception.Stage.MillisecondsPerFrame, refreshFrames: 0) ?? perception.Overlay.Scores;
        string F(double v, string format = "0.000") => double.IsFinite(v) ? v.ToString(format, System.Globalization.CultureInfo.InvariantCulture) : "-";
        parse.InvocationConfiguration.Error.WriteLine(
            $"sim: perception over {perception.Observed} frames: lane IoU {F(s.LaneIoU)}, lateral error {F(s.LateralErrorMetres)} m, "
            + $"precision {F(s.Precision)}, recall {F(s.Recall)}, mAP@0.5 {F(s.MeanAp50)}, mAP@0.5:0.95 {F(s.MeanAp50To95)}, "
            + $"{F(perception.Stage.MillisecondsPerFrame, "0.00")} ms per frame (both models)");
    }
}
