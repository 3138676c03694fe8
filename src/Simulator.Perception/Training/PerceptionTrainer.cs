using System.Diagnostics;
using System.Globalization;
using Simulator.Core;
using Simulator.Perception.Data;
using Simulator.Torch;
using Simulator.Torch.Modules;

namespace Simulator.Perception.Training;

/// <summary>
/// The loop both perception trainers share: seeded shuffles, full mini-batches (an epoch's last partial batch is
/// left out; a split smaller than one batch is one batch) staged in pinned arrays (images as float
/// NCHW in [0, 1], the same as the shared preprocessing, with flip and brightness augmentation), Adam with a
/// cosine step size, validation after every epoch, the best weights kept (and checkpointed) and restored at the end.
/// A subclass stages its targets and computes its loss and validation metrics.
/// </summary>
public abstract class PerceptionTrainer : IDisposable
{
    private readonly Adam _adam;
    private readonly List<Tensor> _parameters;
    private readonly float[] _images;
    private readonly Tensor _tImages;
    private readonly Rng _rng;
    private List<Tensor>? _best;

    protected PerceptionTrainer(Module net, IReadOnlyList<PerceptionFrame> train, IReadOnlyList<PerceptionFrame> validation, PerceptionTrainOptions options, int sizeMultiple)
    {
        options.Validate();
        if (train.Count == 0 || validation.Count == 0)
        {
            throw new SimInputException($"training needs frames in both splits (train {train.Count}, validation {validation.Count})");
        }
        Width = train[0].Width;
        Height = train[0].Height;
        if (Width % sizeMultiple != 0 || Height % sizeMultiple != 0)
        {
            throw new SimInputException($"frames are {Width}×{Height}; the network needs sides that are multiples of {sizeMultiple}");
        }
        CheckFrames(train, "train");
        CheckFrames(validation, "validation");
        Net = net;
        Train = train;
        Validation = validation;
        Options = options;
        _parameters = net.Parameters();
        _adam = new Adam(_parameters, options.LearningRate);
        _rng = Rng.Create(options.Seed, RngStream.Training, 7);
        _images = GC.AllocateArray<float>(options.BatchSize * 3 * Height * Width, pinned: true);
        _tImages = Tensor.FromArrayNoCopy(_images, options.BatchSize, 3, Height, Width).DetachFromScope();
    }

    public Module Net { get; }
    public int Width { get; }
    public int Height { get; }
    protected IReadOnlyList<PerceptionFrame> Train { get; }
    protected IReadOnlyList<PerceptionFrame> Validation { get; }
    protected PerceptionTrainOptions Options { get; }

    /// <summary>Metric every validation reports: minus the validation loss (higher is better, like the others).</summary>
    public const string NegativeValidationLoss = "neg_val_loss";

    /// <summary>Name of the validation metric that selects the best epoch (higher is better).</summary>
    public abstract string PrimaryMetric { get; }

    /// <summary>Trains for the configured epochs (or time budget) and leaves the best epoch's weights in the net.</summary>
    public TrainingReport Run()
    {
        var clock = Stopwatch.StartNew();
        var epochs = new List<EpochReport>();
        int[] order = new int[Train.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        int best = 0;
        for (int epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            double started = clock.Elapsed.TotalSeconds;
            double progress = Options.Epochs == 1 ? 0 : (epoch - 1.0) / (Options.Epochs - 1.0);
            double floor = Options.FinalLearningRateFraction;
            _adam.SetLearningRate(Options.LearningRate * (floor + (1 - floor) * 0.5 * (1 + Math.Cos(Math.PI * progress))));
            double trainLoss = TrainEpoch(order);
            Net.Eval();
            (double valLoss, Dictionary<string, double> metrics) = ValidateAll();
            Net.Train();
            metrics[NegativeValidationLoss] = -valLoss;
            double primary = metrics[PrimaryMetric];
            var report = new EpochReport(epoch, trainLoss, valLoss, primary, metrics, clock.Elapsed.TotalSeconds - started);
            epochs.Add(report);
            bool improved = best == 0 || primary > epochs[best - 1].Primary;
            if (improved)
            {
                best = epoch;
                KeepBest();
            }
            Options.Log?.Invoke(Describe(report, improved));
            if (Options.MaxMinutes > 0 && clock.Elapsed.TotalMinutes >= Options.MaxMinutes)
            {
                Options.Log?.Invoke($"time budget of {Options.MaxMinutes} min reached after epoch {epoch}");
                break;
            }
        }
        RestoreBest();
        Net.Eval();
        return new TrainingReport(epochs, best, PrimaryMetric, Train.Count, Validation.Count, clock.Elapsed.TotalSeconds);
    }

    private double TrainEpoch(int[] order)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = _rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        Span<bool> flips = stackalloc bool[Options.BatchSize];
        double sum = 0;
        int batches = 0;
        for (int start = 0; start + Options.BatchSize <= order.Length || (start == 0 && order.Length > 0); start += Options.BatchSize)
        {
            int count = Math.Min(Options.BatchSize, order.Length - start);
            ReadOnlySpan<int> samples = order.AsSpan(start, count);
            for (int i = 0; i < count; i++)
            {
                flips[i] = Options.HorizontalFlip && _rng.Chance(0.5);
                StageImage(Train[samples[i]], i, flips[i], augment: true);
            }
            StageTargets(Train, samples, flips[..count]);
            using var scope = TorchScope.Enter();
            Tensor loss = Loss(Images(count), count);
            _adam.ZeroGrad();
            loss.Backward();
            Tensor.ClipGradNorm(_parameters, Options.MaxGradNorm);
            _adam.Step();
            sum += loss.Item();
            batches++;
        }
        return sum / Math.Max(batches, 1);
    }

    private (double Loss, Dictionary<string, double> Metrics) ValidateAll()
    {
        BeginValidation();
        Span<int> samples = stackalloc int[Options.BatchSize];
        Span<bool> noFlip = stackalloc bool[Options.BatchSize];
        double lossSum = 0;
        for (int start = 0; start < Validation.Count; start += Options.BatchSize)
        {
            int count = Math.Min(Options.BatchSize, Validation.Count - start);
            for (int i = 0; i < count; i++)
            {
                samples[i] = start + i;
                StageImage(Validation[start + i], i, false, augment: false);
            }
            StageTargets(Validation, samples[..count], noFlip[..count]);
            using var scope = TorchScope.Enter();
            using var noGrad = GradMode.NoGrad();
            Tensor images = Images(count);
            lossSum += Loss(images, count).Item() * count;
            Score(images, count, start);
        }
        Dictionary<string, double> metrics = EndValidation();
        return (lossSum / Validation.Count, metrics);
    }

    /// <summary>The first <paramref name="count"/> staged images (a view of the pinned batch).</summary>
    protected Tensor Images(int count) => _tImages.Slice(0, 0, count);

    /// <summary>Fills the targets of the staged batch (frames <paramref name="samples"/> of <paramref name="frames"/>,
    /// mirrored where <paramref name="flips"/> says).</summary>
    protected abstract void StageTargets(IReadOnlyList<PerceptionFrame> frames, ReadOnlySpan<int> samples, ReadOnlySpan<bool> flips);

    /// <summary>The loss of the staged batch (a scalar in the caller's scope).</summary>
    protected abstract Tensor Loss(Tensor images, int count);

    protected abstract void BeginValidation();

    /// <summary>Scores validation frames <paramref name="first"/>.. on the network's output for the staged batch.</summary>
    protected abstract void Score(Tensor images, int count, int first);

    protected abstract Dictionary<string, double> EndValidation();

    private void StageImage(PerceptionFrame frame, int slot, bool flip, bool augment)
    {
        int plane = Width * Height;
        Span<float> dst = _images.AsSpan(slot * 3 * plane, 3 * plane);
        float gain = 1, bias = 0;
        Span<float> channelGain = [1, 1, 1];
        if (augment && Options.BrightnessJitter > 0)
        {
            double j = Options.BrightnessJitter;
            gain = (float)_rng.Range(1 - j, 1 + j);
            bias = (float)_rng.Range(-j / 4, j / 4);
            for (int c = 0; c < 3; c++)
            {
                channelGain[c] = (float)_rng.Range(1 - j / 3, 1 + j / 3);
            }
        }
        ReadOnlySpan<byte> rgba = frame.Rgba;
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                int src = (y * Width + (flip ? Width - 1 - x : x)) * 4;
                int p = y * Width + x;
                for (int c = 0; c < 3; c++)
                {
                    float v = rgba[src + c] * (1f / 255f);
                    dst[c * plane + p] = augment ? Math.Clamp(v * gain * channelGain[c] + bias, 0f, 1f) : v;
                }
            }
        }
    }

    private void CheckFrames(IReadOnlyList<PerceptionFrame> frames, string split)
    {
        for (int i = 0; i < frames.Count; i++)
        {
            PerceptionFrame f = frames[i];
            if (f.Width != Width || f.Height != Height || f.Rgba.Length != Width * Height * 4 || f.Classes.Length != Width * Height)
            {
                throw new SimInputException($"{split} frame {i} is {f.Width}×{f.Height} with {f.Rgba.Length} RGBA and {f.Classes.Length} class bytes; expected {Width}×{Height}");
            }
        }
    }

    private void KeepBest()
    {
        using (GradMode.NoGrad())
        {
            _best ??= [];
            foreach (Tensor t in _best)
            {
                t.Dispose();
            }
            _best.Clear();
            foreach (Tensor p in _parameters)
            {
                _best.Add(p.Detach().Clone().DetachFromScope());
            }
        }
        if (Options.CheckpointPath is { } path)
        {
            Net.Save(path);
        }
    }

    private void RestoreBest()
    {
        if (_best is null)
        {
            return;
        }
        using (GradMode.NoGrad())
        {
            for (int i = 0; i < _parameters.Count; i++)
            {
                _parameters[i].CopyFrom(_best[i]);
            }
        }
    }

    private static string Describe(EpochReport r, bool improved)
    {
        var parts = new List<string>();
        foreach (var pair in r.Metrics)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{pair.Key} {pair.Value:F4}"));
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"epoch {r.Epoch}: train loss {r.TrainLoss:F4}, val loss {r.ValidationLoss:F4}, {string.Join(", ", parts)} ({r.Seconds:F1} s){(improved ? " *" : "")}");
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _tImages.Dispose();
            _adam.Dispose();
            if (_best is not null)
            {
                foreach (Tensor t in _best)
                {
                    t.Dispose();
                }
            }
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }
}
