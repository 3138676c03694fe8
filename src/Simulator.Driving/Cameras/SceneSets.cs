using Simulator.Driving.Runtime;
using Simulator.Driving.Snapshots;
using Simulator.Rendering.Vulkan;

namespace Simulator.Driving.Cameras;

/// <summary>What a renderer holds for drawing snapshots: the prop meshes and one static set per compiled scene
/// (built on first use), shared by a rig and its peers.</summary>
public sealed class SceneSets
{
    private readonly VulkanRenderer _renderer;
    private readonly PropLibrary _props;
    private readonly Dictionary<CompiledScene, int> _staticSets = new(ReferenceEqualityComparer.Instance);

    public SceneSets(VulkanRenderer renderer)
    {
        _renderer = renderer;
        _props = PropLibrary.Load(renderer);
    }

    public int StaticSet(CompiledScene scene)
    {
        if (!_staticSets.TryGetValue(scene, out int set))
        {
            set = _renderer.AddStaticSet(SceneVisuals.StaticParts(scene));
            _staticSets.Add(scene, set);
        }
        return set;
    }

    public int Mesh(MeshKind kind) => kind switch
    {
        MeshKind.Car => _props.Car,
        MeshKind.Cone => _props.Cone,
        MeshKind.BarrierBlock => _props.BarrierBlock,
        MeshKind.Sign => _props.Sign,
        MeshKind.Pedestrian => _props.Pedestrian,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown mesh kind"),
    };
}
