using Simulator.Driving.Cameras;
using Simulator.Driving.Snapshots;
using Simulator.Rendering.Vulkan;

namespace Simulator.Viewer;

/// <summary>
/// Draws world snapshots from any camera pose: the viewer's main 3D view (colour only, at the window's size) and
/// the agent-camera inset (colour, depth and segmentation, small). Reads snapshots only. One thread.
/// </summary>
internal sealed class SceneView : IDisposable
{
    private readonly VulkanRenderer _renderer;
    private readonly SceneSets _sets;
    private readonly int _maxInstances;
    private CameraBatch _main;
    private readonly CameraBatch _inset;
    private readonly CameraBatch _insetFull;

    public SceneView(VulkanRenderer renderer, int width, int height, int insetWidth, int insetHeight, int maxInstances)
    {
        _renderer = renderer;
        _maxInstances = maxInstances;
        _sets = new SceneSets(renderer);
        _main = CreateMain(width, height);
        // Colour alone is cheaper to draw and read back; depth and segmentation only while the inset shows them.
        _inset = renderer.CreateBatch(new BatchDescription(1, insetWidth, insetHeight,
            RenderOutputs.Color, maxInstances, FramesInFlight: 1, RenderPasses: 1));
        _insetFull = renderer.CreateBatch(new BatchDescription(1, insetWidth, insetHeight,
            RenderOutputs.Depth | RenderOutputs.Segmentation, maxInstances, FramesInFlight: 1, RenderPasses: 1));
    }

    public int Width => _main.Width;
    public int Height => _main.Height;
    public int InsetWidth => _inset.Width;
    public int InsetHeight => _inset.Height;

    public void Resize(int width, int height)
    {
        if (width == _main.Width && height == _main.Height)
        {
            return;
        }
        _main.Dispose();
        _main = CreateMain(width, height);
    }

    private CameraBatch CreateMain(int width, int height) =>
        _renderer.CreateBatch(new BatchDescription(1, width, height, RenderOutputs.Color, _maxInstances, FramesInFlight: 1, RenderPasses: 1));

    public long SubmitMain(WorldSnapshot snapshot, in CameraPose pose) => Submit(_main, snapshot, pose, agentView: false);

    /// <summary>The agent's camera exactly as its sensor sees it (jitter and noise included); with
    /// <paramref name="full"/> also depth and segmentation.</summary>
    public long SubmitInset(WorldSnapshot snapshot, in CameraPose pose, bool full) =>
        Submit(full ? _insetFull : _inset, snapshot, pose, agentView: true);

    public FrameView WaitMain(long frame) => _main.Wait(frame);

    public FrameView WaitInset(long frame, bool full) => (full ? _insetFull : _inset).Wait(frame);

    private long Submit(CameraBatch batch, WorldSnapshot snapshot, in CameraPose pose, bool agentView)
    {
        batch.ClearInstances();
        ref EnvView view = ref batch.Env(0);
        view.StaticSet = snapshot.Scene is null ? -1 : _sets.StaticSet(snapshot.Scene);
        view.Camera = pose;
        view.Lighting = snapshot.Lighting;
        view.Randomization = snapshot.Randomization;
        if (!agentView)
        {
            // The viewer's own cameras show the world as it is: the episode's tints, no sensor noise or jitter.
            view.Randomization.NoiseSigma = 0;
            view.Randomization.CameraOffset = default;
            view.Randomization.CameraAngleOffset = default;
        }
        int n = 0;
        foreach (ref readonly ActorSnapshot a in snapshot.Actors)
        {
            if (n++ >= _maxInstances)
            {
                break;
            }
            var instance = PropInstance.Create(_sets.Mesh(a.Mesh), a.Position, a.Yaw, a.Color, a.Class, a.InstanceId);
            instance.Scale = a.Scale;
            batch.AddInstance(0, instance);
        }
        return batch.Submit();
    }

    public void Dispose()
    {
        _main.Dispose();
        _inset.Dispose();
        _insetFull.Dispose();
    }
}
