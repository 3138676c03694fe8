using Simulator.Core;
using Simulator.Driving.Cameras;
using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;
using Simulator.Driving.Snapshots;
using Simulator.Perception.Data;
using Simulator.Perception.GroundTruth;
using Simulator.Rendering.Vulkan;

namespace Simulator.Perception.Dataset;

/// <summary>
/// Generates perception frames in memory, deterministically from <see cref="PerceptionDatasetOptions"/>: the same
/// options give the same frames, bit for bit, on the same renderer device.
/// <para>A split's tracks (<see cref="TrackSeeds"/>, from the split's seed range) are driven in groups of
/// <see cref="PerceptionDatasetOptions.Envs"/> envs, one track per env, by the autopilot with steering noise, under
/// each scene's domain randomisation (new draws every episode). After <see cref="PerceptionDatasetOptions.WarmupSteps"/>
/// steps, every <see cref="PerceptionDatasetOptions.StepsPerFrame"/> steps the ego's front camera
/// (<see cref="CameraSetups.Front"/> at the dataset's size) of every env that still owes frames is rendered with
/// segmentation and boxes, and <see cref="FrameGroundTruth"/> labels it. Each track gives an equal share of the split's
/// frames (the first tracks one more when it does not divide). Frames come in order: group, capture, env.</para>
/// Not thread-safe; enumerate one split at a time.
/// </summary>
public sealed class PerceptionDatasetGenerator : IDisposable
{
    private readonly VulkanRenderer _renderer;
    private readonly bool _ownsRenderer;
    private readonly GroundTruthRenderer _draw;
    private readonly SensorSpec _camera;
    private readonly FrameGroundTruth _groundTruth;
    private readonly Dictionary<string, (ulong Seed, CompiledScene Scene)[]> _tracks = [];
    private (CompiledScene Scene, int Seed)[]? _sceneFiles;

    public PerceptionDatasetGenerator(PerceptionDatasetOptions options, VulkanRenderer? renderer = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _camera = CameraSetups.Front(options.Width, options.Height);
        _groundTruth = new FrameGroundTruth { Lanes = options.Lanes };
        _renderer = renderer ?? VulkanRenderer.Create(RendererOptions.Default);
        _ownsRenderer = renderer is null;
        try
        {
            _draw = new GroundTruthRenderer(_renderer, _camera);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public PerceptionDatasetOptions Options { get; }

    /// <summary>The camera sensor the frames are rendered from (mounted on the ego).</summary>
    public SensorSpec Camera => _camera;

    public string DeviceName => _renderer.DeviceName;

    /// <summary>The generated track seeds of a split (empty with scene files): candidates from the split's range in
    /// order, skipping any whose scene does not compile.</summary>
    public IReadOnlyList<ulong> TrackSeeds(string split)
    {
        int splitIndex = PerceptionSplits.IndexOf(split);
        if (!Options.Scenes.IsDefaultOrEmpty)
        {
            return [];
        }
        return [.. GeneratedTracks(PerceptionSplits.All[splitIndex]).Select(t => t.Seed)];
    }

    /// <summary>The split's generated tracks, compiled once.</summary>
    private (ulong Seed, CompiledScene Scene)[] GeneratedTracks(string split)
    {
        if (!_tracks.TryGetValue(split, out var tracks))
        {
            var list = new List<(ulong, CompiledScene)>(Options.Tracks);
            for (int i = 0; list.Count < Options.Tracks; i++)
            {
                ulong seed = PerceptionSplits.TrackSeed(split, Options.Seed, i);
                if (TryCompile(seed) is { } scene)
                {
                    list.Add((seed, scene));
                }
                if (i > 100 * Options.Tracks + 100)
                {
                    throw new SimRuntimeException($"only {list.Count} of {Options.Tracks} generated tracks of split '{split}' compile");
                }
            }
            tracks = [.. list];
            _tracks.Add(split, tracks);
        }
        return tracks;
    }

    /// <summary>The frames of <paramref name="split"/> (<see cref="PerceptionDatasetOptions.FramesOf"/> of them).</summary>
    public IEnumerable<PerceptionFrame> Generate(string split)
    {
        int splitIndex = PerceptionSplits.IndexOf(split);
        int frames = Options.FramesOf(split);
        var scenes = ScenesOf(split);
        return frames == 0 ? [] : Run(PerceptionSplits.All[splitIndex], splitIndex, frames, scenes);
    }

    private IEnumerable<PerceptionFrame> Run(string split, int splitIndex, int frames, IReadOnlyList<(CompiledScene Scene, int Seed)> tracks)
    {
        int perTrack = frames / tracks.Count, extra = frames % tracks.Count;
        for (int first = 0, group = 0; first < tracks.Count; first += Options.Envs, group++)
        {
            int count = Math.Min(Options.Envs, tracks.Count - first);
            var quota = new int[count];
            var scenes = new CompiledScene[count];
            for (int i = 0; i < count; i++)
            {
                quota[i] = perTrack + (first + i < extra ? 1 : 0);
                scenes[i] = tracks[first + i].Scene;
            }
            foreach (var frame in RunGroup(split, splitIndex, group, first, scenes, quota, tracks))
            {
                yield return frame;
            }
        }
    }

    private IEnumerable<PerceptionFrame> RunGroup(string split, int splitIndex, int group, int first, CompiledScene[] scenes, int[] quota,
        IReadOnlyList<(CompiledScene Scene, int Seed)> tracks)
    {
        int remaining = quota.Sum();
        if (remaining == 0)
        {
            yield break;
        }
        var envOptions = new EnvOptions { Autopilot = true, AutopilotSteerNoise = Options.SteerNoise, Renderer = _renderer };
        using var vec = new VectorEnv(scenes, envOptions);
        using var batch = _draw.CreateBatch(scenes.Length, MaxInstances(scenes));
        vec.Reset(Rng.Derive(Options.Seed, 0x5E_ED00 + (ulong)splitIndex, (ulong)group));
        var actions = new float[scenes.Length * 2];
        var rows = new int[scenes.Length];
        var cameras = new CameraSnapshot[scenes.Length];
        for (long step = 1; remaining > 0; step++)
        {
            vec.Step(actions);
            if (step < Options.WarmupSteps || (step - Options.WarmupSteps) % Options.StepsPerFrame != 0)
            {
                continue;
            }
            int k = 0;
            batch.ClearInstances();
            for (int e = 0; e < scenes.Length; e++)
            {
                if (quota[e] > 0)
                {
                    rows[k] = e;
                    cameras[k] = _draw.Describe(batch, k, vec.Snapshots[e]);
                    k++;
                }
            }
            FrameView view = batch.Wait(batch.Submit(k));
            for (int r = 0; r < k; r++)
            {
                int e = rows[r];
                var snapshot = vec.Snapshots[e];
                var info = new PerceptionFrameInfo(split, tracks[first + e].Seed, first + e, snapshot.Step, snapshot.SceneName);
                quota[e]--;
                remaining--;
                yield return _groundTruth.Build(snapshot, cameras[r], view, r, info);
            }
        }
    }

    private IReadOnlyList<(CompiledScene Scene, int Seed)> ScenesOf(string split)
    {
        if (!Options.Scenes.IsDefaultOrEmpty)
        {
            _sceneFiles ??= [.. Options.Scenes.Select(path =>
            {
                var scene = SceneCompiler.Load(path);
                return (scene, scene.Description.Track.Generator is { } g ? (int)Math.Min(g.Seed, int.MaxValue) : -1);
            })];
            return _sceneFiles;
        }
        return GeneratedTracks(PerceptionSplits.All[PerceptionSplits.IndexOf(split)]).Select(t => (t.Scene, (int)t.Seed)).ToArray();
    }

    private CompiledScene? TryCompile(ulong seed)
    {
        try
        {
            return SceneCompiler.Compile(PerceptionScenes.Describe(seed, Options));
        }
        catch (SimInputException)
        {
            return null;
        }
    }

    private static int MaxInstances(IReadOnlyList<CompiledScene> scenes)
    {
        int max = 8;
        foreach (var s in scenes)
        {
            var d = s.Description;
            int walkers = d.Crosswalks.Sum(c => c.Pedestrians);
            max = Math.Max(max, d.Props.Length + d.Traffic.Length + d.Egos.Length + walkers + 4);
        }
        return max;
    }

    public void Dispose()
    {
        if (_ownsRenderer)
        {
            _renderer?.Dispose();
        }
    }
}
