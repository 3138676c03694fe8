using System.Numerics;
using Simulator.Core;

namespace Simulator.Rendering.Vulkan.Tests;

/// <summary>The draw-list builder is plain C#: culling, sorting and records are checked without a device.</summary>
public sealed unsafe class DrawListBuilderTests
{
    /// <summary>Static sets and mesh sizes as the renderer would hold them, with no GPU behind them.</summary>
    private sealed class Geometry(IReadOnlyList<StaticSetLayout> sets, params uint[] meshIndexCounts) : IDrawGeometry
    {
        public IReadOnlyList<StaticSetLayout> StaticSetLayouts => sets;
        public int MeshCount => meshIndexCounts.Length;
        public uint MeshIndexCount(int mesh) => meshIndexCounts[mesh];
    }

    /// <summary>Two walls, one 10 m ahead of a camera at the origin looking along +X and one 10 m behind it.</summary>
    private static Geometry FrontAndBack() => new(
        [StaticSetLayout.Build([
            new StaticPart(TestMeshes.Wall(10f, 3f), SemanticClass.Barrier, Vector3.One, InstanceId: 7),
            new StaticPart(TestMeshes.Wall(-10f, 3f), SemanticClass.Sign, Vector3.One, InstanceId: 8)])],
        36, 6);

    private static DrawListBuilder Builder(Geometry g, int envs, int passes, int maxInstances = 8)
    {
        var b = new DrawListBuilder(g, envs, maxInstances, passes);
        for (int e = 0; e < envs; e++)
        {
            b.Env(e).StaticSet = 0;
            b.Env(e).Camera = CameraPose.Create(new Vector3(0, 0, 1), 0f);
        }
        return b;
    }

    private static (EnvGpu[] Envs, DrawRecordGpu[] Records) Build(DrawListBuilder b, int envCount = -1, bool clearOnly = false)
    {
        var envs = new EnvGpu[b.EnvCount];
        var records = new DrawRecordGpu[b.RecordCapacity];
        fixed (EnvGpu* e = envs)
        fixed (DrawRecordGpu* r = records)
        {
            b.Build(4f / 3f, envCount < 0 ? b.EnvCount : envCount, clearOnly, e, r);
        }
        return (envs, records);
    }

    [Fact]
    public void Chunks_outside_the_frustum_are_not_drawn()
    {
        DrawListBuilder b = Builder(FrontAndBack(), envs: 1, passes: 1);
        Build(b);
        StaticSetLayout.Chunk[] chunks = FrontAndBack().StaticSetLayouts[0].Chunks;
        (_, DrawRecordGpu[] records) = Build(b);
        DrawCommand[] draws = b.Draws.ToArray();
        Assert.Equal(chunks.Count(c => c.InstanceId == 7), draws.Length);
        Assert.All(draws, d => Assert.Equal((0, -1, 1u), (d.StaticSet, d.Mesh, d.InstanceCount)));
        Assert.All(draws, d => Assert.Equal(7u, records[d.FirstInstance].InstanceId));
        Assert.All(draws, d => Assert.Contains(chunks, c => c.InstanceId == 7 && c.FirstIndex == d.FirstIndex && c.IndexCount == d.IndexCount));

        b.Env(0).Camera.Yaw = MathF.PI; // turn round: now only the back wall is visible
        (_, records) = Build(b);
        draws = b.Draws.ToArray();
        Assert.Equal(chunks.Count(c => c.InstanceId == 8), draws.Length);
        Assert.All(draws, d => Assert.Equal((8u, (uint)SemanticClass.Sign), (records[d.FirstInstance].InstanceId, records[d.FirstInstance].Class)));
    }

    [Fact]
    public void Instances_are_grouped_by_mesh_with_camera_order_kept_and_layers_counted_per_pass()
    {
        DrawListBuilder b = Builder(FrontAndBack(), envs: 4, passes: 2);
        int[][] meshes = [[1, 0, 1], [0], [1], [1, 0]];
        for (int e = 0; e < 4; e++)
        {
            for (int k = 0; k < meshes[e].Length; k++)
            {
                b.AddInstance(e, PropInstance.Create(meshes[e][k], new Vector3(8, k, 0), 0f, Vector3.One, SemanticClass.Vehicle, (uint)(100 * e + k + 1)));
            }
        }
        (EnvGpu[] envs, DrawRecordGpu[] records) = Build(b);
        Assert.Equal([0, 2, 4], b.PassStarts.ToArray());
        Assert.Equal([0u, 1u, 0u, 1u], envs.Select(e => e.Layer).ToArray());
        // Pass 0 (cameras 0, 1): the front wall for both, then mesh 0 (env 0 #2, env 1 #1), then mesh 1 (env 0 #1, #3).
        DrawCommand[] walls0 = b.Draws[b.PassDraws(0)].ToArray().Where(d => d.StaticSet == 0).ToArray();
        Assert.All(walls0, d => Assert.Equal(2u, d.InstanceCount));
        DrawCommand[] pass0 = b.Draws[b.PassDraws(0)].ToArray().Where(d => d.Mesh >= 0).Prepend(walls0[0]).ToArray();
        Assert.Equal(3, pass0.Length);
        Assert.Equal((-1, 0, 36u, 2u), (pass0[1].StaticSet, pass0[1].Mesh, pass0[1].IndexCount, pass0[1].InstanceCount));
        Assert.Equal((1, 6u, 2u), (pass0[2].Mesh, pass0[2].IndexCount, pass0[2].InstanceCount));
        uint[] Ids(DrawCommand d) => records.Skip((int)d.FirstInstance).Take((int)d.InstanceCount).Select(r => r.InstanceId).ToArray();
        Assert.Equal([2u, 101u], Ids(pass0[1]));
        Assert.Equal([1u, 3u], Ids(pass0[2]));
        // Pass 1 (cameras 2, 3): records continue after pass 0's, layers restart at 0.
        DrawCommand[] pass1 = b.Draws[b.PassDraws(1)].ToArray().Where(d => d.Mesh >= 0).Prepend(b.Draws[b.PassDraws(1)][0]).ToArray();
        Assert.Equal([302u], Ids(pass1[1]));
        Assert.Equal([201u, 301u], Ids(pass1[2]));
        Assert.Equal(0, pass1[0].StaticSet);
        Assert.True(pass1[0].FirstInstance >= pass0[2].FirstInstance + pass0[2].InstanceCount);
        Assert.All(Enumerable.Range((int)pass1[2].FirstInstance, 2), i => Assert.Equal(i == pass1[2].FirstInstance ? 0f : 1f, records[i].NormalRot.Z));
    }

    [Fact]
    public void A_partial_frame_builds_only_the_first_cameras()
    {
        DrawListBuilder b = Builder(FrontAndBack(), envs: 5, passes: 2);
        for (int e = 0; e < 5; e++)
        {
            b.AddInstance(e, PropInstance.Create(0, new Vector3(8, 0, 0), 0f, Vector3.One, SemanticClass.Vehicle, (uint)(e + 1)));
        }
        (EnvGpu[] envs, DrawRecordGpu[] records) = Build(b, envCount: 1);
        Assert.Equal(1, b.ActivePasses(1));
        Assert.Equal(1, b.PassLayers(0, 1));
        Assert.Equal(2, b.ActivePasses(3));
        Assert.Equal(1, b.PassLayers(1, 3));
        Assert.Equal([1u], b.Draws.ToArray().Where(d => d.Mesh == 0).Select(d => records[d.FirstInstance].InstanceId).ToArray());
        Assert.Equal(1u, b.Draws.ToArray().Where(d => d.Mesh < 0).Select(d => d.InstanceCount).Distinct().Single());
        Assert.Equal(0f, envs[1].CameraPos.X + envs[1].CameraPos.Y + envs[1].CameraPos.Z); // camera 1 untouched
        Assert.Throws<ArgumentOutOfRangeException>(() => Build(b, envCount: 6));
    }

    [Fact]
    public void Records_carry_the_model_view_projection_of_each_object()
    {
        DrawListBuilder b = Builder(FrontAndBack(), envs: 1, passes: 1);
        var inst = PropInstance.Create(0, new Vector3(9, 1.5f, 0.2f), 0.7f, new Vector3(0.5f, 0.25f, 1f), SemanticClass.Vehicle, 3);
        inst.Scale = new Vector3(2, 1, 0.5f);
        b.AddInstance(0, inst);
        (EnvGpu[] envs, DrawRecordGpu[] records) = Build(b);
        DrawCommand prop = b.Draws.ToArray().Single(d => d.Mesh == 0);
        DrawRecordGpu r = records[prop.FirstInstance];
        var local = new Vector3(0.3f, -0.4f, 1.1f);
        // World point by hand: scale, rotate about Z, translate.
        var scaled = local * inst.Scale;
        var world = new Vector3(MathF.Cos(0.7f) * scaled.X - MathF.Sin(0.7f) * scaled.Y + 9, MathF.Sin(0.7f) * scaled.X + MathF.Cos(0.7f) * scaled.Y + 1.5f, scaled.Z + 0.2f);
        Vector4 viaRecord = Mul(r.Mvp, new Vector4(local, 1));
        Vector4 viaCamera;
        fixed (float* viewProj = envs[0].ViewProj)
        {
            viaCamera = Mul(viewProj, new Vector4(world, 1));
        }
        Assert.True(Vector4.Distance(viaRecord, viaCamera) < 1e-3f, $"{viaRecord} vs {viaCamera}");
        Assert.Equal((uint)SemanticClass.Vehicle, r.Class);
        Assert.Equal(3u, r.InstanceId);
    }

    [Fact]
    public void Box_candidates_list_static_parts_then_props_with_ids()
    {
        DrawListBuilder b = Builder(FrontAndBack(), envs: 2, passes: 1);
        b.AddInstance(1, PropInstance.Create(1, new Vector3(8, 0, 0), 0f, Vector3.One, SemanticClass.Pedestrian, 42));
        b.AddInstance(1, PropInstance.Create(1, new Vector3(8, 1, 0), 0f, Vector3.One, SemanticClass.Pedestrian, 0));
        var ids = new uint[2 * b.BoxesPerEnv];
        var classes = new SemanticClass[ids.Length];
        var counts = new int[2];
        b.CaptureBoxCandidates(2, ids, classes, counts);
        Assert.Equal([2, 3], counts);
        Assert.Equal([7u, 8u, 42u], ids.AsSpan(b.BoxesPerEnv, 3).ToArray());
        Assert.Equal(SemanticClass.Pedestrian, classes[b.BoxesPerEnv + 2]);
    }

    [Fact]
    public void Bad_inputs_are_rejected_with_their_path()
    {
        DrawListBuilder b = Builder(FrontAndBack(), envs: 2, passes: 1, maxInstances: 1);
        var bad = Assert.Throws<SimInputException>(() => b.AddInstance(0, PropInstance.Create(5, Vector3.Zero, 0f, Vector3.One, SemanticClass.Vehicle, 1)));
        Assert.Contains("envs[0].instances", bad.ToString(), StringComparison.Ordinal);
        b.AddInstance(1, PropInstance.Create(0, Vector3.Zero, 0f, Vector3.One, SemanticClass.Vehicle, 1));
        Assert.Throws<SimInputException>(() => b.AddInstance(1, PropInstance.Create(0, Vector3.Zero, 0f, Vector3.One, SemanticClass.Vehicle, 2)));
        b.Env(1).StaticSet = 3;
        var set = Assert.Throws<SimInputException>(() => Build(b));
        Assert.Contains("envs[1].staticSet", set.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Building_in_steady_state_allocates_nothing()
    {
        DrawListBuilder b = Builder(FrontAndBack(), envs: 8, passes: 3);
        for (int e = 0; e < 8; e++)
        {
            b.AddInstance(e, PropInstance.Create(e % 2, new Vector3(8, 0, 0), 0f, Vector3.One, SemanticClass.Vehicle, 1));
        }
        var envs = new EnvGpu[8];
        var records = new DrawRecordGpu[b.RecordCapacity];
        fixed (EnvGpu* e = envs)
        fixed (DrawRecordGpu* r = records)
        {
            b.Build(1f, 8, false, e, r);
            EnvGpu* ep = e;
            DrawRecordGpu* rp = r;
            Assert.Equal(0, ThreadAllocations.Smallest(() =>
            {
                for (int i = 0; i < 10; i++)
                {
                    b.Env(i % 8).Camera.Yaw += 0.1f;
                    b.Build(1f, 8, false, ep, rp);
                }
            }).Bytes);
        }
    }

    private static Vector4 Mul(float* m, Vector4 v) => new(
        m[0] * v.X + m[4] * v.Y + m[8] * v.Z + m[12] * v.W,
        m[1] * v.X + m[5] * v.Y + m[9] * v.Z + m[13] * v.W,
        m[2] * v.X + m[6] * v.Y + m[10] * v.Z + m[14] * v.W,
        m[3] * v.X + m[7] * v.Y + m[11] * v.Z + m[15] * v.W);
}
