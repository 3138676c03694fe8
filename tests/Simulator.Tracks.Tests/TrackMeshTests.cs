using Simulator.Core;
using Simulator.Tracks;

namespace Simulator.Tracks.Tests;

public class TrackMeshTests
{
    private static readonly Track s_track = TestTracks.Build(TestTracks.Oval(), TrackLayout.Default with { LaneCount = 3 });
    private static readonly TrackMesh s_mesh = TrackMeshBuilder.Build(s_track);

    [Fact]
    public void Parts_are_named_and_not_empty()
    {
        Assert.Equal(["RoadSurface", "LaneMarking", "Kerb", "Barrier", "Ground"], s_mesh.Parts.Select(p => p.Name));
        foreach (TrackMeshPart part in s_mesh.Parts)
        {
            Assert.True(part.TriangleCount > 0, part.Name);
        }
        TrackMesh bare = TrackMeshBuilder.Build(TestTracks.Build(TestTracks.Oval(), TrackLayout.Default with { BarrierOffset = 0, KerbWidth = 0 }));
        Assert.Equal(0, bare.Barrier.TriangleCount);
        Assert.Equal(0, bare.Kerb.TriangleCount);
    }

    [Fact]
    public void Indices_are_in_range_normals_unit_and_winding_matches_normals()
    {
        foreach (TrackMeshPart part in s_mesh.Parts)
        {
            float[] v = part.Vertices;
            Assert.Equal(0, v.Length % TrackMeshPart.FloatsPerVertex);
            Assert.Equal(0, part.Indices.Length % 3);
            foreach (uint i in part.Indices)
            {
                Assert.True(i < part.VertexCount, $"{part.Name}: index {i} of {part.VertexCount}");
            }
            for (int k = 0; k < part.VertexCount; k++)
            {
                int o = k * 8;
                double len = Math.Sqrt(v[o + 3] * v[o + 3] + v[o + 4] * v[o + 4] + v[o + 5] * v[o + 5]);
                Assert.InRange(len, 0.9999, 1.0001);
                Assert.True(float.IsFinite(v[o]) && float.IsFinite(v[o + 1]) && float.IsFinite(v[o + 6]) && float.IsFinite(v[o + 7]));
            }
            for (int t = 0; t < part.Indices.Length; t += 3)
            {
                int a = (int)part.Indices[t] * 8, b = (int)part.Indices[t + 1] * 8, c = (int)part.Indices[t + 2] * 8;
                (double x, double y, double z) e1 = (v[b] - v[a], v[b + 1] - v[a + 1], v[b + 2] - v[a + 2]);
                (double x, double y, double z) e2 = (v[c] - v[a], v[c + 1] - v[a + 1], v[c + 2] - v[a + 2]);
                double nx = e1.y * e2.z - e1.z * e2.y, ny = e1.z * e2.x - e1.x * e2.z, nz = e1.x * e2.y - e1.y * e2.x;
                double dot = nx * v[a + 3] + ny * v[a + 4] + nz * v[a + 5];
                Assert.True(dot > 0, $"{part.Name}: triangle {t / 3} wound against its normal");
            }
        }
    }

    [Fact]
    public void Road_uv_is_lateral_and_arc_length()
    {
        TrackMeshPart road = s_mesh.RoadSurface;
        double paved = s_track.Layout.HalfRoadWidth + s_track.Layout.ShoulderWidth;
        float maxV = 0;
        for (int k = 0; k < road.VertexCount; k++)
        {
            int o = k * 8;
            Assert.Equal(paved, Math.Abs(road.Vertices[o + 6]), 4);
            // The vertex sits where the track says (s, lateral) is.
            Vec2 expect = s_track.ToWorld(road.Vertices[o + 7], road.Vertices[o + 6]);
            Assert.True(Vec2.Distance(expect, new Vec2(road.Vertices[o], road.Vertices[o + 1])) < 0.01);
            maxV = Math.Max(maxV, road.Vertices[o + 7]);
        }
        Assert.Equal(s_track.Length, maxV, 2);
    }

    [Fact]
    public void Dividers_are_dashed_with_a_whole_number_of_periods()
    {
        (double period, double dash) = TrackMeshBuilder.DashPattern(s_track);
        int count = (int)Math.Round(s_track.Length / period);
        Assert.Equal(s_track.Length, count * period, 6);
        Assert.Equal(3.0 / 9.0, dash / period, 9);
        TrackMeshPart m = s_mesh.LaneMarking;
        var dashStarts = new HashSet<int>();
        double divider = s_track.Layout.LaneCenter(0) + s_track.Layout.LaneWidth / 2; // between lanes 0 and 1
        for (int k = 0; k < m.VertexCount; k++)
        {
            float u = m.Vertices[k * 8 + 6], v = m.Vertices[k * 8 + 7];
            Assert.Equal(0.01f, m.Vertices[k * 8 + 2], 5);
            if (Math.Abs(u - divider) > 0.2)
            {
                continue;
            }
            double phase = v - Math.Floor(v / period) * period;
            if (phase > period - 1e-3)
            {
                phase -= period; // float rounding just below a dash start
            }
            Assert.True(phase <= dash + 1e-3, $"divider paint at s={v} is in a gap (phase {phase})");
            if (Math.Abs(phase) < 1e-3)
            {
                dashStarts.Add((int)Math.Round(v / period));
            }
        }
        Assert.True(count == dashStarts.Count, $"{count} dashes expected, {dashStarts.Count} starts found, period {period}");
    }

    [Fact]
    public void Crosswalk_stripes_cover_the_road_at_their_place_and_wrap_over_the_start_line()
    {
        double length = s_track.Length, half = s_track.Layout.HalfRoadWidth;
        TrackMeshPart z = TrackMeshBuilder.BuildCrosswalks(s_track, [(100.0, 4.0), (1.0, 4.0)]);
        Assert.Equal(TrackMesh.CrosswalkName, z.Name);
        int hint = -1, near100 = 0, nearStart = 0;
        var stripeEdges = new SortedSet<double>();
        for (int k = 0; k < z.VertexCount; k++)
        {
            TrackQuery q = s_track.Project(new Vec2(z.Vertices[k * 8], z.Vertices[k * 8 + 1]), ref hint);
            Assert.InRange(Math.Abs(q.Lateral), 0, half + 1e-6);
            Assert.Equal(1.5 * TrackMeshOptions.Default.MarkingHeight, z.Vertices[k * 8 + 2], 6);
            double fromStart = Math.Min(q.S, length - q.S);
            if (Math.Abs(q.S - 100) <= 2 + 1e-3)
            {
                near100++;
                stripeEdges.Add(Math.Round(q.Lateral, 3));
            }
            else
            {
                Assert.True(fromStart <= 3 + 1e-3, $"a stripe vertex at s = {q.S:0.00} m belongs to neither crosswalk");
                nearStart++;
            }
        }
        Assert.True(near100 > 0 && nearStart > 0, $"{near100} vertices at the first crosswalk, {nearStart} at the one over the start line");
        // Stripes and gaps alternate, 0.5 m each, centred on the road.
        double[] edges = [.. stripeEdges];
        for (int i = 1; i < edges.Length; i++)
        {
            Assert.Equal(TrackMeshBuilder.ZebraStripe, edges[i] - edges[i - 1], 3);
        }
        Assert.Equal(-edges[0], edges[^1], 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => TrackMeshBuilder.BuildCrosswalks(s_track, [(10.0, 0.0)]));
    }

    [Fact]
    public void Barrier_walls_stand_at_the_barrier_lateral()
    {
        TrackMeshPart b = s_mesh.Barrier;
        double lat = s_track.Layout.BarrierLateral;
        int hint = -1;
        for (int k = 0; k < b.VertexCount; k += 5)
        {
            TrackQuery q = s_track.Project(new Vec2(b.Vertices[k * 8], b.Vertices[k * 8 + 1]), ref hint);
            Assert.Equal(lat, Math.Abs(q.Lateral), 3);
            Assert.Equal(0, b.Vertices[k * 8 + 5]); // horizontal normal
        }
    }

    [Fact]
    public void Adaptive_sections_keep_chords_within_tolerance_and_save_triangles_on_straights()
    {
        var options = new TrackMeshOptions { Step = 1.0, MaxStep = 30.0, ChordTolerance = 0.02 };
        TrackMesh adaptive = TrackMeshBuilder.Build(s_track, options);
        Assert.True(adaptive.RoadSurface.TriangleCount < s_mesh.RoadSurface.TriangleCount * 0.8,
            $"adaptive {adaptive.RoadSurface.TriangleCount} vs uniform {s_mesh.RoadSurface.TriangleCount} road triangles");
        TrackMeshPart road = adaptive.RoadSurface;
        double paved = s_track.Layout.HalfRoadWidth + s_track.Layout.ShoulderWidth;
        foreach (int side in new[] { -1, 1 })
        {
            var edge = Enumerable.Range(0, road.VertexCount)
                .Where(k => Math.Sign(road.Vertices[k * 8 + 6]) == side)
                .Select(k => (S: (double)road.Vertices[k * 8 + 7], P: new Vec2(road.Vertices[k * 8], road.Vertices[k * 8 + 1])))
                .OrderBy(v => v.S).ToArray();
            Assert.Equal(0, edge[0].S, 3);
            Assert.Equal(s_track.Length, edge[^1].S, 2);
            double longest = 0;
            for (int i = 1; i < edge.Length; i++)
            {
                double gap = edge[i].S - edge[i - 1].S;
                Assert.InRange(gap, 0.999 * Math.Min(options.Step, 0.5 * options.MaxStep!.Value), options.MaxStep!.Value + 1e-6);
                longest = Math.Max(longest, gap);
                // The chord's midpoint stays near the edge curve (the edge is offset from the centreline, so its
                // curvature differs a little from the tolerance's basis; allow twice the tolerance).
                Vec2 chordMid = (edge[i].P + edge[i - 1].P) * 0.5;
                Vec2 arcMid = s_track.ToWorld(0.5 * (edge[i].S + edge[i - 1].S), side * paved);
                Assert.True(Vec2.Distance(chordMid, arcMid) < 2 * options.ChordTolerance + 1e-3,
                    $"chord at s = {edge[i - 1].S:F1}..{edge[i].S:F1} strays {Vec2.Distance(chordMid, arcMid):F4} m");
            }
            Assert.True(longest > 3 * options.Step, $"the straightest parts get long sections (longest {longest:F1} m)");
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => TrackMeshBuilder.Build(s_track, new TrackMeshOptions { Step = 2.0, MaxStep = 1.0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrackMeshBuilder.Build(s_track, new TrackMeshOptions { MaxStep = 5.0, ChordTolerance = 0 }));
    }
}
