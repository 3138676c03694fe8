using System.Collections.Immutable;
using Simulator.Core;
using Simulator.Driving.Scenes;
using Simulator.Tracks;

namespace Simulator.Driving.Runtime;

/// <summary>
/// Builds the track of a scene (hand-authored or generated), checks it (curvature, self-intersection, crossings),
/// and resolves props to world poses. Problems are reported as <see cref="SimInputException"/> naming the file and
/// JSON path, like every other scene error.
/// </summary>
public static class SceneCompiler
{
    public static CompiledScene Compile(SceneDescription scene)
    {
        string? file = scene.SourceFile ?? "<scene>";
        var layout = ToLayout(scene);
        Track track;
        if (scene.Track.Generator is { } g)
        {
            var options = new TrackGeneratorOptions
            {
                TargetLength = g.Length,
                Complexity = g.Curviness,
                MinCurveRadius = g.MinRadius,
                LaneCount = layout.LaneCount,
                LaneWidth = layout.LaneWidth,
                Layout = layout,
            };
            track = TrackGenerator.Generate(g.Seed, options, file, "$.track.generator");
        }
        else
        {
            track = Track.Create(scene.Track.ControlPoints, layout, file, "$.track");
        }
        CheckPositions(scene, track, file);
        return new CompiledScene(scene, track, ResolveProps(scene, track));
    }

    public static CompiledScene Load(string path) => Compile(SceneLoader.LoadFile(path));

    public static TrackLayout ToLayout(SceneDescription scene) => new()
    {
        LaneCount = scene.Lanes.Count,
        LaneWidth = scene.Lanes.Width,
        ShoulderWidth = scene.Lanes.Shoulder,
        KerbWidth = scene.Lanes.Kerb,
        BarrierOffset = scene.Lanes.BarrierOffset,
        EdgeMarking = ToMarking(scene.Lanes.EdgeMarking),
        DividerMarking = ToMarking(scene.Lanes.DividerMarking),
        AllowCrossings = scene.Track.AllowCrossings,
    };

    private static Tracks.MarkingStyle ToMarking(Scenes.MarkingStyle m) => m switch
    {
        Scenes.MarkingStyle.None => Tracks.MarkingStyle.None,
        Scenes.MarkingStyle.Solid => Tracks.MarkingStyle.Solid,
        _ => Tracks.MarkingStyle.Dashed,
    };

    private static void CheckPositions(SceneDescription scene, Track track, string file)
    {
        foreach (var t in scene.Traffic)
        {
            CheckS(t.S, track, file, t.Path + ".s");
        }
        foreach (var p in scene.Props)
        {
            CheckS(p.S, track, file, p.Path + ".s");
        }
        foreach (var c in scene.Crosswalks)
        {
            CheckS(c.S, track, file, c.Path + ".s");
        }
        for (int i = 0; i < scene.SpawnPoints.Length; i++)
        {
            CheckS(scene.SpawnPoints[i].S, track, file, $"$.spawnPoints[{i}].s");
        }
        // Vehicles that start overlapping would collide on the first step: reject such scenes up front.
        for (int i = 0; i < scene.Traffic.Length; i++)
        {
            for (int j = i + 1; j < scene.Traffic.Length; j++)
            {
                var a = scene.Traffic[i];
                var b = scene.Traffic[j];
                if (a.Lane == b.Lane && Math.Abs(track.DeltaS(a.S, b.S)) < 6)
                {
                    throw new SimInputException($"traffic vehicles {i} and {j} start {Math.Abs(track.DeltaS(a.S, b.S)):0.0} m apart in lane {a.Lane}",
                        file, b.Path + ".s", hint: "leave at least 6 m between vehicles in the same lane");
                }
            }
        }
    }

    private static void CheckS(double s, Track track, string file, string path)
    {
        if (s >= track.Length)
        {
            throw new SimInputException(FormattableString.Invariant($"position s = {s} m is beyond the track length {track.Length:0.0} m"), file, path,
                hint: "s is measured from the start line and must be less than the track length");
        }
    }

    private static ImmutableArray<PropPlacement> ResolveProps(SceneDescription scene, Track track)
    {
        var b = ImmutableArray.CreateBuilder<PropPlacement>(scene.Props.Length);
        foreach (var p in scene.Props)
        {
            var pose = track.PoseAt(p.S, p.Lateral);
            var (half, height) = CompiledScene.Footprint(p.Kind);
            b.Add(new PropPlacement(p.Kind, new Pose2(pose.Position, MathUtil.WrapAngle(pose.Heading + p.HeadingOffset)), half, p.S, p.Lateral, height));
        }
        return b.MoveToImmutable();
    }
}
