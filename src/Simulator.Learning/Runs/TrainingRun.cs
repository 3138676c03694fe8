using Simulator.Driving.Scenes;
using Simulator.Core;
using Simulator.Learning.Driving;
using Simulator.Learning.Env;
using Simulator.Learning.Imitation;
using Simulator.Learning.Ppo;
using Simulator.Torch;

namespace Simulator.Learning.Runs;

/// <summary>
/// A training run over a run folder: behaviour-cloning warm start (fresh runs), then PPO iterations with metrics,
/// TensorBoard scalars, periodic checkpoints (latest) and evaluations (best), until the step budget is reached or
/// the token is cancelled. A non-finite loss stops the run with a clear error; the checkpoints on disk stay the
/// last good ones, because nothing is saved after the bad update.
/// </summary>
public sealed class TrainingRun : IDisposable
{
    private static readonly string[] s_metricColumns =
    [
        "iteration", "total_steps", "learning_rate", "policy_loss", "value_loss", "entropy", "approx_kl", "clip_fraction",
        "explained_variance", "grad_norm", "episodes", "mean_return", "mean_length", "steps_per_second",
    ];

    private static readonly string[] s_evalColumns =
        ["iteration", "total_steps", "episodes", "mean_return", "lap_completion", "off_road_rate", "collisions_per_km", "mean_speed"];

    private readonly TrainerConfig _config;
    private bool _warmStarted;
    private readonly RunFolder _folder;
    private readonly TrainingHooks _hooks;
    private readonly PpoTrainer _trainer;
    private readonly bool _resumed;
    private readonly int _numEnvs;
    private double _bestLap = double.NaN, _bestReturn = double.NaN;
    private EvalReport? _lastEval;

    public TrainingRun(TrainerConfig config, RunFolder folder, IVectorEnv env, TrainingHooks hooks, bool resume)
    {
        _config = config;
        _folder = folder;
        _hooks = hooks;
        _resumed = resume;
        _numEnvs = env.NumEnvs;
        _trainer = new PpoTrainer(env, config.ResolvedPpo(), TrainerConfigYaml.ParseDevice(config.Device));
        if (resume)
        {
            ModelMeta meta = ModelFile.ReadMeta(folder.LatestPath);
            CheckResumable(meta, env);
            _trainer.LoadCheckpoint(folder.LatestPath);
            if (File.Exists(folder.BestPath))
            {
                ModelMeta best = ModelFile.ReadMeta(folder.BestPath);
                (_bestLap, _bestReturn) = (best.EvalLapCompletion, best.EvalMeanReturn);
            }
        }
        else if (config.Init is { } init)
        {
            InitFrom(init, env);
        }
        else if (config.InitLogStd is not null)
        {
            throw new SimInputException("init_log_std sets the log-std of the model a run starts from, and this run starts from none",
                path: "init_log_std", hint: "give --init-from MODEL, or remove init_log_std");
        }
    }

    /// <summary>
    /// Copies a trained model's weights into the fresh policy: the model must observe and act as this run's env and have
    /// every parameter of this network at the same shape (otherwise one error names the parameter, both shapes and the file).
    /// </summary>
    private void InitFrom(InitModel init, IVectorEnv env)
    {
        if (init.Sha256.Length > 0 && !string.Equals(ModelFile.Sha256(init.Model), init.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new SimInputException("the init model's contents differ from the SHA-256 recorded in the config", file: init.Model, path: "init.sha256",
                hint: "start from the file the config names, or remove init.sha256 to accept this one");
        }
        var (source, meta) = ModelFile.LoadPolicy(init.Model);
        using (source)
        {
            ModelFile.CheckFits(meta, env.ObservationSpec, env.ActionSpec, init.Model, "this run's env");
            using var scope = TorchScope.Enter();
            _trainer.Policy.LoadStateDict(source.NamedParameters(), init.Model);
            if (_config.InitLogStd is { } logStd)
            {
                var policyLogStd = _trainer.Policy.LogStd ?? throw new SimInputException("init_log_std is for continuous actions; this run's are discrete",
                    path: "init_log_std", hint: "remove init_log_std");
                policyLogStd.Fill(logStd);
            }
        }
    }

    public PpoTrainer Trainer => _trainer;

    /// <summary>Times curves.png was redrawn (at each evaluation and at the end of <see cref="Run"/>).</summary>
    public int PlotRefreshes { get; private set; }

    /// <summary>Why the last redraw of curves.png failed (null when it succeeded); training goes on without pictures.</summary>
    public string? PlotError { get; private set; }

    public event Action<TrainingProgress>? Progress;

    public TrainingSummary Run(CancellationToken cancel = default)
    {
        long target = _config.TotalSteps;
        if (!_resumed)
        {
            if (!WarmStart(cancel))
            {
                // Stopped during behaviour cloning: nothing is saved, so a resume starts the run over.
                return new TrainingSummary(0, 0, null, double.NaN, double.NaN, Cancelled: true);
            }
            SaveLatest();
        }
        using var metrics = new MetricsCsv(_folder.MetricsPath, s_metricColumns, _resumed ? _trainer.TotalSteps : null);
        using var evals = new MetricsCsv(_folder.EvalPath, s_evalColumns, _resumed ? _trainer.TotalSteps : null);
        using var events = new TensorBoardWriter(_folder.EventsPath, keepUpToStep: _resumed ? _trainer.TotalSteps : null);
        if ((_warmStarted || (!_resumed && _config.Init != null)) && _hooks.Evaluate != null)
        {
            // The warm-started (or init) policy is a candidate too: PPO keeps 'best' only if it beats behaviour cloning
            // or the model it started from; its row at step 0 is where the learning curve starts.
            string note = EvaluateNow(new PpoIterationStats { Iteration = 0, TotalSteps = _trainer.TotalSteps }, evals, events);
            Progress?.Invoke(new TrainingProgress(new PpoIterationStats { TotalSteps = _trainer.TotalSteps }, target, 0, _lastEval, (_warmStarted ? "behaviour cloning: " : "init model: ") + note));
            if (target == 0)
            {
                SaveLatest(); // behaviour cloning only: latest.pt carries the evaluation too
            }
        }
        long nextCheckpoint = NextMultiple(_trainer.TotalSteps, _config.CheckpointEvery);
        long nextEval = _config.Eval.Every > 0 ? NextMultiple(_trainer.TotalSteps, _config.Eval.Every) : long.MaxValue;
        bool cancelled = false;
        while (_trainer.TotalSteps < target)
        {
            if (cancel.IsCancellationRequested)
            {
                cancelled = true;
                break;
            }
            double start = _hooks.Clock();
            PpoIterationStats s = _trainer.Iterate();
            double rate = (double)_trainer.Options.RolloutLength * _numEnvs / Math.Max(_hooks.Clock() - start, 1e-9);
            CheckFinite(s);
            metrics.Append([s.Iteration, s.TotalSteps, s.LearningRate, s.PolicyLoss, s.ValueLoss, s.Entropy, s.ApproxKl, s.ClipFraction,
                s.ExplainedVariance, s.GradNorm, s.EpisodesFinished, s.MeanEpisodeReturn, s.MeanEpisodeLength, rate]);
            events.Scalars(s.TotalSteps,
            [
                ("train/policy_loss", s.PolicyLoss), ("train/value_loss", s.ValueLoss), ("train/entropy", s.Entropy),
                ("train/approx_kl", s.ApproxKl), ("train/clip_fraction", s.ClipFraction), ("train/explained_variance", s.ExplainedVariance),
                ("train/learning_rate", s.LearningRate), ("train/mean_return", s.MeanEpisodeReturn), ("train/steps_per_second", rate),
            ]);
            string? note = null;
            bool last = _trainer.TotalSteps >= target;
            if (_trainer.TotalSteps >= nextEval || (last && _hooks.Evaluate != null))
            {
                note = EvaluateNow(s, evals, events);
                nextEval = _config.Eval.Every > 0 ? NextMultiple(_trainer.TotalSteps, _config.Eval.Every) : long.MaxValue;
            }
            if (_trainer.TotalSteps >= nextCheckpoint || last)
            {
                SaveLatest();
                nextCheckpoint = NextMultiple(_trainer.TotalSteps, _config.CheckpointEvery);
            }
            Progress?.Invoke(new TrainingProgress(s, target, rate, _lastEval, note));
        }
        if (cancelled)
        {
            SaveLatest();
        }
        RefreshPlots();
        return new TrainingSummary(_trainer.TotalSteps, _trainer.Iteration, _lastEval, _bestLap, _bestReturn, cancelled);
    }

    /// <summary>Behaviour cloning; false when stopped by <paramref name="cancel"/> before it finished.</summary>
    private bool WarmStart(CancellationToken cancel)
    {
        BcConfig bc = _config.Bc;
        // A run started from a trained model (init) keeps its weights: no behaviour cloning over them.
        if ((bc.DemoSteps <= 0 && bc.Demos.Length == 0) || bc.Epochs <= 0 || _hooks.Demonstrations is null || _config.Init != null)
        {
            return !cancel.IsCancellationRequested;
        }
        if (cancel.IsCancellationRequested)
        {
            return false;
        }
        BcDataset data = _hooks.Demonstrations();
        _warmStarted = true;
        using var cloning = new BehaviorCloning(_trainer.Policy, new BcOptions
        {
            LearningRate = bc.LearningRate,
            BatchSize = bc.BatchSize,
            Seed = _config.Seed,
        }, TrainerConfigYaml.ParseDevice(_config.Device));
        for (int epoch = 0; epoch < bc.Epochs; epoch++)
        {
            if (cancel.IsCancellationRequested)
            {
                return false;
            }
            double loss = cloning.TrainEpoch(data);
            if (!double.IsFinite(loss))
            {
                throw new SimRuntimeException($"behaviour cloning diverged in epoch {epoch + 1} (loss {loss}); lower bc.learning_rate");
            }
        }
        return !cancel.IsCancellationRequested;
    }

    private string EvaluateNow(PpoIterationStats s, MetricsCsv evals, TensorBoardWriter events)
    {
        if (_hooks.Evaluate is null)
        {
            return "";
        }
        EvalReport r = _hooks.Evaluate(_trainer.Policy);
        _lastEval = r;
        evals.Append([s.Iteration, s.TotalSteps, r.Count, r.MeanReturn, r.LapCompletion, r.OffRoadRate, r.CollisionsPerKm, r.MeanSpeed]);
        RefreshPlots();
        events.Scalars(s.TotalSteps,
        [
            ("eval/mean_return", r.MeanReturn), ("eval/lap_completion", r.LapCompletion), ("eval/off_road_rate", r.OffRoadRate),
            ("eval/collisions_per_km", r.CollisionsPerKm), ("eval/mean_speed", r.MeanSpeed), ("eval/yield_failures", r.YieldFailures),
        ]);
        if (EvalReport.IsBetter(r.LapCompletion, r.MeanReturn, _bestLap, _bestReturn))
        {
            (_bestLap, _bestReturn) = (r.LapCompletion, r.MeanReturn);
            ModelFile.Save(_folder.BestPath, _trainer, Meta() with { EvalLapCompletion = r.LapCompletion, EvalMeanReturn = r.MeanReturn });
            return "new best";
        }
        return "evaluated";
    }

    private void RefreshPlots()
    {
        try
        {
            RunPlots.WriteRun(_folder.Directory);
            PlotRefreshes++;
            PlotError = null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SimException)
        {
            PlotError = e.Message;
        }
    }

    private void SaveLatest() => ModelFile.Save(_folder.LatestPath, _trainer, Meta() with
    {
        EvalLapCompletion = _lastEval?.LapCompletion ?? double.NaN,
        EvalMeanReturn = _lastEval?.MeanReturn ?? double.NaN,
    });

    private ModelMeta Meta() => ModelMeta.For(_trainer.Policy) with { Iteration = _trainer.Iteration, TotalSteps = _trainer.TotalSteps, ActionRepeat = _config.ActionRepeat,
        EgoSensors = SceneWriter.WriteSensors(_config.Generator?.EgoSensors ?? _config.SceneEgo?.Sensors ?? []),
        MaxSpeed = _config.Generator?.MaxSpeed ?? _config.SceneEgo?.MaxSpeed ?? 0,
        Perception = _config.Perception, Init = _config.Init };

    private void CheckFinite(PpoIterationStats s)
    {
        string? bad = !double.IsFinite(s.PolicyLoss) ? $"policy loss {s.PolicyLoss}"
            : !double.IsFinite(s.ValueLoss) ? $"value loss {s.ValueLoss}"
            : !double.IsFinite(s.Entropy) ? $"entropy {s.Entropy}"
            : !double.IsFinite(s.GradNorm) ? $"gradient norm {s.GradNorm}"
            : null;
        if (bad != null)
        {
            throw new SimRuntimeException($"training diverged at iteration {s.Iteration} (step {s.TotalSteps}): {bad}. " +
                $"Stopped without saving; the last good checkpoint is {_folder.LatestPath}. " +
                "Check the rewards for NaN/inf; to continue with a lower learning rate: " +
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"sim train --resume --out {_folder.Directory} --learning-rate {_config.Ppo.LearningRate / 10:G3}."));
        }
    }

    private void CheckResumable(ModelMeta meta, IVectorEnv env)
    {
        ModelFile.CheckFits(meta, env.ObservationSpec, env.ActionSpec, _folder.LatestPath, "the run's envs");
    }

    private static long NextMultiple(long current, long every) => (current / every + 1) * every;

    public void Dispose() => _trainer.Dispose();
}
