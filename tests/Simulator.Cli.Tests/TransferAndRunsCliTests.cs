using SkiaSharp;

namespace Simulator.Cli.Tests;

/// <summary>`sim train --init-from [--freeze-encoder]` and `sim runs compare|plot` on the tiny config.</summary>
public sealed class TransferAndRunsCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cli-transfer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Train(string name, params string[] extra)
    {
        string run = Path.Combine(_dir, name);
        var (code, _, err) = CliTests.Run(["train", "--config", TrainEvalCliTests.TinyConfig(), "--out", run, .. extra]);
        Assert.True(code == 0, err);
        return run;
    }

    private static (int, int) Size(string png)
    {
        using SKBitmap? bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        return (bitmap.Width, bitmap.Height);
    }

    [Fact]
    public void Init_from_starts_from_the_model_records_it_and_refuses_what_does_not_fit()
    {
        string a = Train("a");
        string model = Path.Combine(a, "checkpoints", "latest.pt");
        string b = Path.Combine(_dir, "b");
        var (code, output, err) = CliTests.Run("train", "--config", TrainEvalCliTests.TinyConfig(), "--out", b, "--init-from", model);
        Assert.True(code == 0, err);
        Assert.DoesNotContain("behaviour cloning warm start", output, StringComparison.Ordinal); // the init's weights are kept
        string config = File.ReadAllText(Path.Combine(b, "config.yaml"));
        Assert.Contains("init:", config, StringComparison.Ordinal);
        Assert.Contains($"model: {Path.GetFullPath(model)}", config, StringComparison.Ordinal);
        Assert.Matches("sha256: [0-9a-f]{64}", config);
        Assert.Equal((1200, 900), Size(Path.Combine(b, "curves.png")));

        // Not with --resume; --freeze-encoder needs --init-from; this vector-only model has no image encoder to freeze.
        (code, _, err) = CliTests.Run("train", "--resume", "--out", b, "--init-from", model);
        Assert.Equal(2, code);
        Assert.Contains("--init-from cannot be combined with --resume", err, StringComparison.Ordinal);
        (code, _, err) = CliTests.Run("train", "--config", TrainEvalCliTests.TinyConfig(), "--out", Path.Combine(_dir, "c"), "--freeze-encoder");
        Assert.Equal(2, code);
        Assert.Contains("--freeze-encoder needs --init-from", err, StringComparison.Ordinal);
        (code, _, err) = CliTests.Run("train", "--config", TrainEvalCliTests.TinyConfig(), "--out", Path.Combine(_dir, "d"), "--init-from", model, "--freeze-encoder");
        Assert.Equal(2, code);
        Assert.Contains("freeze_encoder needs an image encoder", err, StringComparison.Ordinal);

        // Another network layout: the parameter, both shapes and the model file are named; no stack trace.
        string wider = Path.Combine(_dir, "wider.yaml");
        File.WriteAllText(wider, File.ReadAllText(TrainEvalCliTests.TinyConfig()).Replace("vector_hidden: [16]", "vector_hidden: [32]", StringComparison.Ordinal));
        (code, _, err) = CliTests.Run("train", "--config", wider, "--out", Path.Combine(_dir, "e"), "--init-from", model);
        Assert.Equal(2, code);
        Assert.Contains(Path.GetFullPath(model), err, StringComparison.Ordinal);
        Assert.Matches(@"parameter 'vector\.[^']+' has shape \[16, \d+\] in the file but \[32, \d+\] in the network", err);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "e", "config.yaml"))); // nothing left: the same folder takes a fitting model without --restart
        (code, _, err) = CliTests.Run("train", "--config", TrainEvalCliTests.TinyConfig(), "--out", Path.Combine(_dir, "e"), "--init-from", model);
        Assert.True(code == 0, err);
        (code, _, err) = CliTests.Run("train", "--config", TrainEvalCliTests.TinyConfig(), "--out", Path.Combine(_dir, "f"), "--init-from", Path.Combine(_dir, "none.pt"));
        Assert.Equal(2, code);
        Assert.Contains("none.pt", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_compare_plots_several_runs_and_reports_bad_input()
    {
        string a = Train("a"), b = Train("b", "--steps", "96");
        string png = Path.Combine(_dir, "cmp.png");
        var (code, output, err) = CliTests.Run("runs", "compare", a, b, "--out", png, "--metric", "lap_completion");
        Assert.True(code == 0, err);
        Assert.Contains("2 run(s)", output, StringComparison.Ordinal);
        Assert.Equal((1000, 600), Size(png));
        (code, _, err) = CliTests.Run("runs", "compare", a, Path.Combine(_dir, "missing"), "--out", png, "--metric", "lap_completion");
        Assert.Equal(2, code);
        Assert.Contains("missing", err, StringComparison.Ordinal);
        // The tiny runs finish no training episode: their mean_return column has no values to draw.
        (code, _, err) = CliTests.Run("runs", "compare", a, "--out", png);
        Assert.Equal(2, code);
        Assert.Contains("no finite mean_return values", err, StringComparison.Ordinal);
        (code, _, err) = CliTests.Run("runs", "compare", a, "--out", png, "--metric", "nope");
        Assert.Equal(2, code);
        Assert.Contains("unknown metric 'nope'", err, StringComparison.Ordinal);
        (code, _, err) = CliTests.Run("runs", "compare", a, "--out", Path.Combine(_dir, "cmp.jpg"));
        Assert.Equal(2, code);
        Assert.Contains("PNG", err, StringComparison.Ordinal);
        File.Delete(Path.Combine(a, "curves.png"));
        (code, _, err) = CliTests.Run("runs", "plot", a);
        Assert.True(code == 0, err);
        Assert.Equal((1200, 900), Size(Path.Combine(a, "curves.png")));
        (code, _, _) = CliTests.Run("runs", "plot", _dir);
        Assert.Equal(2, code);
    }
}
