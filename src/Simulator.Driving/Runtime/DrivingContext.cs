using Simulator.Core;
using Simulator.Tracks;
using Simulator.World;

namespace Simulator.Driving.Runtime;

/// <summary>
/// Per-world driving state shared by systems and behaviours: the compiled scene, this episode's randomised
/// conditions, the random streams, and the road occupancy rebuilt every Sense phase. Lives on the world's root
/// entity so components reach it through <see cref="World"/> without any global.
/// </summary>
public sealed class DrivingContext : Component, IStateHashable, IStateful
{
    public DrivingContext(CompiledScene scene, int envIndex)
    {
        Scene = scene;
        EnvIndex = envIndex;
        Occupancy = new RoadOccupancy(scene.Track);
        Traffic = new Rng(0);
        Pedestrians = new Rng(0);
        Randomization = new Rng(0);
    }

    public CompiledScene Scene { get; }
    public Track Track => Scene.Track;
    public int EnvIndex { get; }
    public RoadOccupancy Occupancy { get; }
    public Rng Traffic { get; }
    public Rng Pedestrians { get; }
    public Rng Randomization { get; }
    public EpisodeConditions Conditions { get; set; } = EpisodeConditions.Default;

    public void AddToHash(ref StateHasher hasher)
    {
        AddRng(ref hasher, Traffic);
        AddRng(ref hasher, Pedestrians);
        AddRng(ref hasher, Randomization);
        hasher.Add(Conditions.Friction);
        hasher.Add(Conditions.TrafficSpeedScale);
        hasher.Add(Conditions.VisualSeed);
    }

    private static void AddRng(ref StateHasher hasher, Rng rng)
    {
        var (a, b, c, d) = rng.State;
        hasher.Add(a);
        hasher.Add(b);
        hasher.Add(c);
        hasher.Add(d);
    }

    // The occupancy is not saved: the Sense phase rebuilds it from scratch before anything of the next step reads it.
    public void SaveState(StateWriter writer)
    {
        StateCodec.Write(writer, Traffic);
        StateCodec.Write(writer, Pedestrians);
        StateCodec.Write(writer, Randomization);
        var c = Conditions;
        writer.WriteDouble(c.Friction);
        writer.WriteDouble(c.TrafficSpeedScale);
        writer.WriteDouble(c.SunAzimuthDegrees);
        writer.WriteDouble(c.SunElevationDegrees);
        writer.WriteDouble(c.SunIntensity);
        writer.WriteDouble(c.ColorJitter);
        writer.WriteDouble(c.CameraJitter);
        writer.WriteDouble(c.ImageNoise);
        writer.WriteUInt64(c.VisualSeed);
    }

    public void LoadState(ref StateReader reader)
    {
        StateCodec.Read(ref reader, Traffic);
        StateCodec.Read(ref reader, Pedestrians);
        StateCodec.Read(ref reader, Randomization);
        Conditions = new EpisodeConditions(reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(),
            reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadUInt64());
    }

    /// <summary>Reseeds every stream for a new episode: each subsystem and env draws from its own stream.</summary>
    public void Reseed(ulong episodeSeed)
    {
        Traffic.Reseed(Rng.Derive(episodeSeed, (ulong)RngStream.Traffic, (ulong)EnvIndex));
        Pedestrians.Reseed(Rng.Derive(episodeSeed, (ulong)RngStream.Pedestrians, (ulong)EnvIndex));
        Randomization.Reseed(Rng.Derive(episodeSeed, (ulong)RngStream.DomainRandomization, (ulong)EnvIndex));
    }
}

/// <summary>The conditions of one episode after domain randomisation (the renderer reads the visual ones).</summary>
public readonly record struct EpisodeConditions(double Friction, double TrafficSpeedScale, double SunAzimuthDegrees,
    double SunElevationDegrees, double SunIntensity, double ColorJitter, double CameraJitter, double ImageNoise, ulong VisualSeed)
{
    public static EpisodeConditions Default { get; } = new(1, 1, 35, 50, 1, 0, 0, 0, 0);
}
