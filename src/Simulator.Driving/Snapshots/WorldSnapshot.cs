using Simulator.Driving.Runtime;
using Simulator.Rendering.Vulkan;

namespace Simulator.Driving.Snapshots;

/// <summary>
/// What there is to see in one env at one instant, as plain values (in the spirit of CARLA's per-tick
/// WorldSnapshot): the scene, episode and step, the ego's camera poses, every visible actor, lighting, weather and
/// the episode's domain-randomisation draws. <see cref="Env.DrivingEnv"/> fills its snapshot after each Reset and
/// Step; renderers, viewers and recorders read snapshots, never live components. A snapshot holds no reference into
/// a world (the compiled scene it names is immutable and shared), so a copy taken with <see cref="CopyTo"/> stays
/// valid while the env steps on. Refilling reuses the arrays: steady-state filling and copying allocate nothing.
/// </summary>
public sealed partial class WorldSnapshot
{
    private CameraSnapshot[] _cameras = [];
    private int _cameraCount;
    private ActorSnapshot[] _actors = [];
    private int _actorCount;

    /// <summary>The immutable compiled scene (shared by every env that runs it); null before the first fill.</summary>
    public CompiledScene? Scene { get; internal set; }
    public string SceneName => Scene?.Name ?? "";
    public int EnvIndex { get; internal set; }
    /// <summary>Episode number of the env (1 after the first Reset).</summary>
    public long Episode { get; internal set; }
    /// <summary>Steps since the episode's Reset (0 right after it).</summary>
    public long Step { get; internal set; }
    /// <summary>Simulated seconds since the episode's Reset.</summary>
    public double Time { get; internal set; }
    /// <summary>The episode's randomised conditions (friction, sun, jitter ranges drawn, visual seed).</summary>
    public EpisodeConditions Conditions { get; internal set; }
    public Lighting Lighting { get; internal set; }
    public WeatherState Weather { get; internal set; }
    /// <summary>Tints and camera jitter drawn once per episode, noise sigma, and this step's noise seed.</summary>
    public Randomization Randomization { get; internal set; }

    /// <summary>The ego's camera sensors, in sensor order (empty when it has none).</summary>
    public ReadOnlySpan<CameraSnapshot> Cameras => _cameras.AsSpan(0, _cameraCount);

    /// <summary>Every actor to draw (vehicles, the ego included, then props, then walkers), in entity order.</summary>
    public ReadOnlySpan<ActorSnapshot> Actors => _actors.AsSpan(0, _actorCount);

    /// <summary>Sets the camera count and returns the cameras to write (grows the array only when needed).</summary>
    internal Span<CameraSnapshot> SetCameraCount(int count)
    {
        Grow(ref _cameras, count);
        _cameraCount = count;
        return _cameras.AsSpan(0, count);
    }

    /// <summary>Sets the actor count and returns the actors to write (grows the array only when the count grows).</summary>
    internal Span<ActorSnapshot> SetActorCount(int count)
    {
        Grow(ref _actors, count);
        _actorCount = count;
        return _actors.AsSpan(0, count);
    }

    /// <summary>Copies every value into <paramref name="other"/>, reusing its arrays (they grow only when too small).</summary>
    public void CopyTo(WorldSnapshot other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this))
        {
            return;
        }
        other.Scene = Scene;
        other.EnvIndex = EnvIndex;
        other.Episode = Episode;
        other.Step = Step;
        other.Time = Time;
        other.Conditions = Conditions;
        other.Lighting = Lighting;
        other.Weather = Weather;
        other.Randomization = Randomization;
        Cameras.CopyTo(other.SetCameraCount(_cameraCount));
        Actors.CopyTo(other.SetActorCount(_actorCount));
    }

    /// <summary>A new, independent copy.</summary>
    public WorldSnapshot Clone()
    {
        var copy = new WorldSnapshot();
        CopyTo(copy);
        return copy;
    }

    private static void Grow<T>(ref T[] array, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (array.Length < count)
        {
            Array.Resize(ref array, Math.Max(count, 2 * array.Length));
        }
    }
}
