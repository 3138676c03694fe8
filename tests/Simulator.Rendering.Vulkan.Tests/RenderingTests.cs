using System.Numerics;
using Simulator.Core;
using Simulator.Rendering.Vulkan;

namespace Simulator.Rendering.Vulkan.Tests;

[Collection(VulkanCollection.Name)]
public sealed class RenderingTests(VulkanFixture fx) : IDisposable
{
    private const int W = 64, H = 48;

    public void Dispose() => fx.AssertNoValidationMessages();

    private static (VulkanRenderer Renderer, PropLibrary Props, int Set) Scene(VulkanFixture fx)
    {
        var renderer = new VulkanRenderer(fx.Context);
        PropLibrary props = PropLibrary.Load(renderer);
        int set = renderer.AddStaticSet(BenchmarkScene.BuildStaticParts());
        return (renderer, props, set);
    }

    private static void Fill(CameraBatch batch, int env, int index, int count, int set, PropLibrary props, float noise = 0.03f)
    {
        batch.Env(env) = BenchmarkScene.View(index, count, set);
        batch.Env(env).Randomization.NoiseSigma = noise;
        batch.Env(env).Randomization.NoiseSeed = (uint)(1000 + index);
        batch.ClearInstances(env);
        BenchmarkScene.AddProps(batch, env, props, index, count);
    }

    [Fact]
    public void Plane_at_known_distance_gives_its_depth_in_metres()
    {
        using var renderer = new VulkanRenderer(fx.Context);
        int set = renderer.AddStaticSet([new StaticPart(TestMeshes.Wall(12.5f, 40f), SemanticClass.Barrier, Vector3.One)]);
        using CameraBatch batch = renderer.CreateBatch(new BatchDescription(1, W, H, RenderOutputs.Depth | RenderOutputs.Segmentation));
        batch.Env(0).StaticSet = set;
        batch.Env(0).Camera = CameraPose.Create(new Vector3(2.5f, 0, 0), 0f);
        FrameView view = batch.Wait(batch.Submit());
        // Linear view depth is distance along the camera axis, so every pixel of a facing plane reads 10 m.
        foreach (float d in view.DepthOf(0))
        {
            Assert.InRange(d, 9.995f, 10.005f);
        }
        Assert.All(view.SegmentationOf(0).ToArray(), c => Assert.Equal((byte)SemanticClass.Barrier, c));
    }

    [Fact]
    public void Same_inputs_give_identical_bytes_and_the_noise_seed_matters()
    {
        var (renderer, props, set) = Scene(fx);
        using (renderer)
        {
            using CameraBatch batch = renderer.CreateBatch(new BatchDescription(3, W, H, RenderOutputs.All));
            for (int e = 0; e < 3; e++)
            {
                Fill(batch, e, e, 3, set, props);
            }
            byte[] first = batch.Wait(batch.Submit()).Color.ToArray();
            FrameView second = batch.Wait(batch.Submit());
            Assert.Equal(first, second.Color.ToArray());
            batch.Env(1).Randomization.NoiseSeed++;
            byte[] third = batch.Wait(batch.Submit()).Color.ToArray();
            Assert.Equal(first.AsSpan(0, W * H * 4).ToArray(), third.AsSpan(0, W * H * 4).ToArray());
            Assert.NotEqual(first.AsSpan(W * H * 4, W * H * 4).ToArray(), third.AsSpan(W * H * 4, W * H * 4).ToArray());
        }
    }

    [Fact]
    public void Env_in_a_batch_equals_the_same_env_rendered_alone()
    {
        var (renderer, props, set) = Scene(fx);
        using (renderer)
        {
            const int N = 9;
            using CameraBatch batch = renderer.CreateBatch(new BatchDescription(N, W, H, RenderOutputs.All));
            using CameraBatch single = renderer.CreateBatch(new BatchDescription(1, W, H, RenderOutputs.All));
            for (int e = 0; e < N; e++)
            {
                Fill(batch, e, e, N, set, props);
            }
            FrameView all = batch.Wait(batch.Submit());
            foreach (int e in new[] { 0, 4, 8 })
            {
                Fill(single, 0, e, N, set, props);
                FrameView one = single.Wait(single.Submit());
                byte[] a = one.ColorOf(0).ToArray(), b = all.ColorOf(e).ToArray();
                var diffs = Enumerable.Range(0, a.Length).Where(i => a[i] != b[i]).ToArray();
                Assert.True(diffs.Length == 0, $"env {e}: {diffs.Length} bytes differ, first at pixel {(diffs.Length > 0 ? diffs[0] / 4 : 0)}: {(diffs.Length > 0 ? a[diffs[0]] + " vs " + b[diffs[0]] : "")}; seg diff {Enumerable.Range(0, W * H).Count(i => one.SegmentationOf(0)[i] != all.SegmentationOf(e)[i])}");
                Assert.Equal(one.DepthOf(0).ToArray(), all.DepthOf(e).ToArray());
                Assert.Equal(one.SegmentationOf(0).ToArray(), all.SegmentationOf(e).ToArray());
                Assert.Equal(one.InstanceIdsOf(0).ToArray(), all.InstanceIdsOf(e).ToArray());
                Assert.Equal(one.BoxesOf(0).ToArray(), all.BoxesOf(e).ToArray());
            }
        }
    }

    [Fact]
    public void Splitting_a_batch_into_render_passes_changes_no_output()
    {
        var (renderer, props, set) = Scene(fx);
        using (renderer)
        {
            const int N = 7;
            using CameraBatch one = renderer.CreateBatch(new BatchDescription(N, W, H, RenderOutputs.All, RenderPasses: 1));
            Assert.Equal(1, one.RenderPasses);
            for (int e = 0; e < N; e++)
            {
                Fill(one, e, e, N, set, props);
            }
            FrameView reference = one.Wait(one.Submit());
            // Uneven splits (7 envs in 3 passes: 2 + 2 + 3) and more passes than envs (capped at one env per pass).
            foreach (int passes in new[] { 3, 7, 20 })
            {
                using CameraBatch split = renderer.CreateBatch(new BatchDescription(N, W, H, RenderOutputs.All, RenderPasses: passes));
                Assert.Equal(Math.Min(passes, N), split.RenderPasses);
                for (int e = 0; e < N; e++)
                {
                    Fill(split, e, e, N, set, props);
                }
                FrameView view = split.Wait(split.Submit());
                Assert.Equal(reference.Color.ToArray(), view.Color.ToArray());
                Assert.Equal(reference.Depth.ToArray(), view.Depth.ToArray());
                Assert.Equal(reference.Segmentation.ToArray(), view.Segmentation.ToArray());
                Assert.Equal(reference.InstanceIds.ToArray(), view.InstanceIds.ToArray());
                for (int e = 0; e < N; e++)
                {
                    Assert.Equal(reference.BoxesOf(e).ToArray(), view.BoxesOf(e).ToArray());
                }
            }
        }
    }

    [Fact]
    public void Vehicle_pixels_lie_in_its_projected_3d_box_and_in_its_reported_2d_box()
    {
        using var renderer = new VulkanRenderer(fx.Context);
        PropLibrary props = PropLibrary.Load(renderer);
        int ground = renderer.AddStaticSet([new StaticPart(TestMeshes.Ground(200f), SemanticClass.Terrain, new Vector3(0.3f, 0.6f, 0.3f))]);
        using CameraBatch batch = renderer.CreateBatch(new BatchDescription(1, W, H, RenderOutputs.All));
        batch.Env(0).StaticSet = ground;
        batch.Env(0).Camera = CameraPose.Create(new Vector3(0, 0, 1.5f), 0f, pitch: -0.1f);
        // A near car partly hides a far car: the far car's box covers only its visible pixels.
        batch.AddInstance(0, PropInstance.Create(props.Car, new Vector3(9, 0.8f, 0), 0.4f, new Vector3(0.8f, 0.1f, 0.1f), SemanticClass.Vehicle, 11));
        batch.AddInstance(0, PropInstance.Create(props.Car, new Vector3(16, -0.5f, 0), -0.2f, new Vector3(0.1f, 0.1f, 0.8f), SemanticClass.Vehicle, 12));
        batch.AddInstance(0, PropInstance.Create(props.Cone, new Vector3(6, -2.5f, 0), 0f, new Vector3(1, 0.5f, 0), SemanticClass.Cone, 13));
        FrameView view = batch.Wait(batch.Submit());
        ReadOnlySpan<uint> ids = view.InstanceIdsOf(0);
        ReadOnlySpan<byte> seg = view.SegmentationOf(0);
        ReadOnlySpan<VisibleBox> boxes = view.BoxesOf(0);
        Assert.Equal(3, boxes.Length);
        // Projected 3D box of the near car (mesh bounds: x ±2.2, y ±0.95, z 0..1.45), with a pixel of slack.
        (float minX, float minY, float maxX, float maxY) = ProjectedBounds(batch.Env(0), new Vector3(9, 0.8f, 0), 0.4f, new Vector3(2.2f, 0.95f, 1.45f));
        VisibleBox near = boxes[0];
        Assert.Equal(11u, near.InstanceId);
        int count = 0;
        for (int y = 0; y < H; y++)
        {
            for (int x = 0; x < W; x++)
            {
                uint id = ids[y * W + x];
                if (id == 11)
                {
                    count++;
                    Assert.Equal((byte)SemanticClass.Vehicle, seg[y * W + x]);
                    Assert.InRange(x + 0.5f, minX - 1, maxX + 1);
                    Assert.InRange(y + 0.5f, minY - 1, maxY + 1);
                    Assert.InRange(x, near.MinX, near.MaxX);
                    Assert.InRange(y, near.MinY, near.MaxY);
                }
                if (id == 13)
                {
                    Assert.Equal((byte)SemanticClass.Cone, seg[y * W + x]);
                }
            }
        }
        Assert.Equal(count, near.PixelCount);
        Assert.True(count > 50);
        Assert.True(boxes[1].PixelCount > 0 && boxes[1].PixelCount < count, "the far car is smaller and partly occluded");
    }

    private static (float, float, float, float) ProjectedBounds(in EnvView view, Vector3 position, float yaw, Vector3 half)
    {
        float minX = float.MaxValue, minY = float.MaxValue, maxX = float.MinValue, maxY = float.MinValue;
        for (int i = 0; i < 8; i++)
        {
            var local = new Vector3((i & 1) != 0 ? half.X : -half.X, (i & 2) != 0 ? half.Y : -half.Y, (i & 4) != 0 ? half.Z : 0);
            Vector3 world = position + new Vector3(MathF.Cos(yaw) * local.X - MathF.Sin(yaw) * local.Y, MathF.Sin(yaw) * local.X + MathF.Cos(yaw) * local.Y, local.Z);
            Assert.True(CameraProjection.TryProject(view, W, H, world, out Vector2 p, out _));
            minX = Math.Min(minX, p.X);
            minY = Math.Min(minY, p.Y);
            maxX = Math.Max(maxX, p.X);
            maxY = Math.Max(maxY, p.Y);
        }
        return (minX, minY, maxX, maxY);
    }

    [Fact]
    public void Frames_pipeline_and_old_frames_are_rejected()
    {
        var (renderer, props, set) = Scene(fx);
        using (renderer)
        {
            using CameraBatch batch = renderer.CreateBatch(new BatchDescription(2, W, H));
            Fill(batch, 0, 0, 2, set, props, noise: 0);
            Fill(batch, 1, 1, 2, set, props, noise: 0);
            long t0 = batch.Submit();
            batch.Env(0).Camera.Yaw += 1f; // inputs may change right after Submit
            long t1 = batch.Submit();
            byte[] frame0 = batch.Wait(t0).Color.ToArray();
            byte[] frame1 = batch.Wait(t1).Color.ToArray();
            Assert.NotEqual(frame0.AsSpan(0, W * H * 4).ToArray(), frame1.AsSpan(0, W * H * 4).ToArray());
            Assert.Equal(frame0.AsSpan(W * H * 4).ToArray(), frame1.AsSpan(W * H * 4).ToArray());
            batch.Submit();
            Assert.Throws<InvalidOperationException>(() => batch.Wait(t0));
            Assert.Throws<InvalidOperationException>(() => batch.Wait(99));
        }
    }

    [Fact]
    public void Bad_batch_options_and_inputs_give_clear_errors()
    {
        using var renderer = new VulkanRenderer(fx.Context);
        var e = Assert.Throws<SimInputException>(() => renderer.CreateBatch(new BatchDescription(4, 0, 48)));
        Assert.Contains("0x48", e.Message, StringComparison.Ordinal);
        Assert.Throws<SimInputException>(() => renderer.CreateBatch(new BatchDescription(0, 64, 48)));
        Assert.Throws<SimInputException>(() => renderer.CreateBatch(new BatchDescription(100_000, 64, 48)));
        Assert.Throws<SimInputException>(() => renderer.CreateBatch(new BatchDescription(1, 64, 48, FramesInFlight: 0)));
        var passes = Assert.Throws<SimInputException>(() => renderer.CreateBatch(new BatchDescription(4, 64, 48, RenderPasses: -1)));
        Assert.Contains("RenderPasses", passes.Message, StringComparison.Ordinal);
        Assert.Throws<SimInputException>(() => renderer.CreateBatch(new BatchDescription(4, 64, 48, RenderPasses: BatchDescription.MaxRenderPasses + 1)));
        using CameraBatch batch = renderer.CreateBatch(new BatchDescription(1, 8, 8, MaxInstancesPerEnv: 1));
        Assert.Throws<SimInputException>(() => batch.AddInstance(0, PropInstance.Create(5, default, 0, default, SemanticClass.Cone, 1)));
        batch.Env(0).StaticSet = 3;
        var s = Assert.Throws<SimInputException>(() => batch.Submit());
        Assert.Contains("envs[0].staticSet", s.Message, StringComparison.Ordinal);
        Assert.Throws<SimInputException>(() => new MeshData([0, 0, 0], [0, 0, 1], null, [0, 0, 1]));
    }

    [Fact]
    public void Spectator_camera_renders_at_full_resolution_from_the_same_renderer()
    {
        var (renderer, props, set) = Scene(fx);
        using (renderer)
        {
            using CameraBatch spectator = renderer.CreateBatch(new BatchDescription(1, 1280, 720));
            Fill(spectator, 0, 0, 1, set, props, noise: 0);
            spectator.Env(0).Camera.Position -= new Vector3(0, 0, -4f);
            FrameView view = spectator.Wait(spectator.Submit());
            Assert.Equal(1280 * 720 * 4, view.Color.Length);
            Assert.Contains(view.Color.ToArray().Chunk(4), px => px[0] != view.Color[0] || px[1] != view.Color[1]);
        }
    }
}
