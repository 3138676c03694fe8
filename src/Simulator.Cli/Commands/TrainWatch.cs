using System.Globalization;
using Simulator.Learning.Driving;
using Simulator.Learning.Env;
using Simulator.Learning.Ppo;
using Simulator.Viewer;
using Simulator.Viewer.Training;
using SkiaSharp;

namespace Simulator.Cli.Commands;

/// <summary>
/// `sim train --watch`: the viewer window on its own thread, showing the watched envs in 3D (env 0 first, E for the
/// next) with the HUD, the training plots and, when the observation has images, the env grid of agent cameras.
/// On the training thread it only adds the <see cref="TrainingFeed"/>'s rate-capped copies and, whenever the feed
/// published the envs, one copy of their snapshots into the <see cref="FrameExchange"/>; neither ever waits for the
/// window. The trainer's RNG, envs and tensors are only read, so a watched run is bit-identical to an unwatched one.
/// Closing the window leaves training running.
/// </summary>
internal sealed class TrainWatch : ITrainingObserver, IDisposable
{
    /// <summary>Envs copied for the 3D view and the env grid (0 … n − 1).</summary>
    public const int MaxWatchedEnvs = 4;

    private readonly ViewerOptions _options;
    private readonly int _watched;
    private readonly FrameExchange _exchange;
    private readonly ViewerHost _host;
    private readonly TrainingPlotsPanel _plots;
    private EnvGridPanel? _grid;
    private DrivingVectorEnv? _env;
    private long _envPublishes;
    private long _totalSteps;
    private double _stepsPerSecond;
    private bool _closed;

    private TrainWatch(ViewerOptions options, int envs)
    {
        _options = options;
        _watched = Math.Clamp(envs, 1, MaxWatchedEnvs);
        Feed = new TrainingFeed(new TrainingFeedOptions { WatchedEnvs = _watched });
        _exchange = new FrameExchange(_watched);
        _host = new ViewerHost(options, _exchange, new ViewerControl());
        _plots = new TrainingPlotsPanel(Feed);
    }

    public TrainingFeed Feed { get; }

    /// <summary>Opens the window (a one-line <see cref="Simulator.Windowing.WindowException"/>, exit code 2, without a display).</summary>
    public static TrainWatch Open(ViewerOptions options, int envs)
    {
        var watch = new TrainWatch(options, envs);
        try
        {
            watch._host.Start();
            return watch;
        }
        catch
        {
            watch._plots.Dispose();
            watch._host.Dispose();
            throw;
        }
    }

    /// <summary>Adds the panels for this env (the env grid only when it has camera images) and watches its snapshots.</summary>
    public void Attach(DrivingVectorEnv env)
    {
        ArgumentNullException.ThrowIfNull(env);
        _env = env;
        _host.AddPanel(_plots, PlotsArea);
        if (env.ObservationSpec.HasImage)
        {
            _grid = new EnvGridPanel(Feed);
            _host.AddPanel(_grid, GridArea);
        }
    }

    // Around the built-in panels (HUD top left, agent-camera inset top right, map bottom right) so the middle stays
    // the 3D view with the followed car: the plots in a column under the HUD, the env grid between inset and map.
    private const float Margin = 10, HudBottom = 10 + 19 * 13 + 6;

    private static SKRect PlotsArea(int w, int h)
    {
        float top = Math.Min(HudBottom + Margin, h * 0.45f);
        float width = Math.Max(390f, w * 0.3f);
        return new SKRect(Margin, top, Math.Min(Margin + width, w * 0.5f), h - Margin);
    }

    private SKRect GridArea(int w, int h)
    {
        float insetWidth = Math.Min(_options.InsetWidth, w / 3f), insetHeight = insetWidth * _options.InsetHeight / _options.InsetWidth;
        float mapSide = Math.Min(260f, Math.Min(w, h) * 0.4f);
        float top = Margin + insetHeight + Margin, bottom = Math.Max(top + 60, h - mapSide - 2 * Margin);
        return new SKRect(w - insetWidth - Margin, top, w - Margin, bottom);
    }

    public void StepCompleted(IVectorEnv env, ReadOnlySpan<float> rewards, ReadOnlySpan<bool> episodeEnded)
    {
        // The feed gets the Driving env itself (also when --foxglove wraps the learner's env), so it can copy snapshots.
        Feed.StepCompleted((IVectorEnv?)_env ?? env, rewards, episodeEnded);
        _totalSteps += env.NumEnvs;
        long published = Feed.Envs.Published;
        if (_env != null && published != _envPublishes)
        {
            _envPublishes = published;
            var inner = _env.Inner;
            int n = Math.Min(_watched, inner.Snapshots.Length);
            _exchange.Publish(inner.Snapshots[..n], inner.Infos.AsSpan(0, n), _totalSteps, _stepsPerSecond);
        }
    }

    public void IterationCompleted(in PpoIterationStats stats, double stepsPerSecond)
    {
        _stepsPerSecond = stepsPerSecond;
        Feed.IterationCompleted(stats, stepsPerSecond);
    }

    /// <summary>
    /// After the run (training thread): publishes the last metrics, takes the --screenshot if the window is still open,
    /// closes the window and returns its stats line (and a failure line if the window failed).
    /// </summary>
    public IReadOnlyList<string> Finish(string? screenshot)
    {
        Feed.Flush();
        if (screenshot != null && _options.MaxFrames == 0 && _host.IsRunning)
        {
            int before = _host.Screenshots.Count;
            _host.RequestScreenshot(screenshot);
            for (int i = 0; i < 100 && _host.IsRunning && _host.Screenshots.Count == before; i++)
            {
                Thread.Sleep(50);
            }
        }
        Close();
        var lines = new List<string> { string.Create(CultureInfo.InvariantCulture, $"viewer: {_host.Stats}") };
        lines.AddRange(_host.Screenshots.Select(s => $"screenshot: {s}"));
        if (_host.Failure is { } failure)
        {
            lines.Add($"viewer: the window failed ({failure.Message}); training was not affected");
        }
        return lines;
    }

    private void Close()
    {
        if (!_closed)
        {
            _closed = true;
            _host.Close();
            _host.WaitForClose(TimeSpan.FromSeconds(30));
        }
    }

    public void Dispose()
    {
        Close();
        _host.Dispose();
        _plots.Dispose();
        _grid?.Dispose();
    }
}
