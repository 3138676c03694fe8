using System.Numerics;
using Simulator.Core;

namespace Simulator.Rendering.Vulkan;

/// <summary>The geometry a draw list refers to, without GPU objects: static-set layouts and prop-mesh sizes.</summary>
internal interface IDrawGeometry
{
    IReadOnlyList<StaticSetLayout> StaticSetLayouts { get; }

    int MeshCount { get; }

    uint MeshIndexCount(int mesh);
}

/// <summary>One instanced, indexed draw: a static set's chunk (<see cref="StaticSet"/> ≥ 0) or a prop mesh.</summary>
internal readonly record struct DrawCommand(int StaticSet, int Mesh, uint FirstIndex, uint IndexCount, uint FirstInstance, uint InstanceCount);

/// <summary>
/// The CPU half of a camera batch, plain C# with no device: holds the frame inputs of N cameras (views and prop
/// instances) and turns them into what the GPU draws. Per camera it writes the shader constants
/// (<see cref="EnvGpu"/>) and frustum-culls the static set's chunks; per render pass (a contiguous range of cameras)
/// it emits one instanced draw per visible static-set chunk and one per prop mesh (instances counting-sorted by mesh,
/// camera order kept inside each group), with every object's <see cref="DrawRecordGpu"/> resolved on the CPU.
/// Building allocates nothing in steady state.
/// </summary>
internal sealed unsafe partial class DrawListBuilder
{
    private readonly IDrawGeometry _geometry;
    private readonly EnvView[] _envs;
    private readonly PropInstance[] _instances;
    private readonly int[] _instanceCounts;
    private readonly Vector4[] _frustums;
    private readonly int[] _passStarts;
    private readonly int[] _passDrawEnds;
    private DrawCommand[] _draws = new DrawCommand[16];
    private int _drawCount;
    private int[] _meshCounts = new int[8];
    private int[] _meshCursor = new int[8];

    public DrawListBuilder(IDrawGeometry geometry, int envCount, int maxInstancesPerEnv, int passes)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentOutOfRangeException.ThrowIfLessThan(envCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxInstancesPerEnv);
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        _geometry = geometry;
        EnvCount = envCount;
        MaxInstancesPerEnv = maxInstancesPerEnv;
        _envs = new EnvView[envCount];
        Array.Fill(_envs, EnvView.Default);
        _instances = new PropInstance[envCount * Math.Max(maxInstancesPerEnv, 1)];
        _instanceCounts = new int[envCount];
        _frustums = new Vector4[envCount * 6];
        passes = Math.Min(passes, envCount);
        _passStarts = new int[passes + 1];
        for (int p = 0; p <= passes; p++)
        {
            _passStarts[p] = (int)((long)envCount * p / passes);
        }
        _passDrawEnds = new int[passes];
    }

    public int EnvCount { get; }

    public int MaxInstancesPerEnv { get; }

    /// <summary>Render passes of a full frame.</summary>
    public int Passes => _passStarts.Length - 1;

    /// <summary>First camera of each pass, plus <see cref="EnvCount"/> at the end (pass p covers [starts[p], starts[p+1])).</summary>
    public ReadOnlySpan<int> PassStarts => _passStarts;

    /// <summary>Draw records a frame may need: one per prop instance plus one per static-set chunk, per camera.</summary>
    public int RecordCapacity => EnvCount * (MaxInstancesPerEnv + StaticSetLayout.MaxChunks);

    /// <summary>Box candidates per camera: its prop instances and its static set's parts with ids.</summary>
    public int BoxesPerEnv => MaxInstancesPerEnv + VulkanRenderer.MaxPartsPerStaticSet;

    public ref EnvView Env(int env) => ref _envs[env];

    public Span<EnvView> Envs => _envs;

    public int InstanceCount(int env) => _instanceCounts[env];

    public ref readonly PropInstance Instance(int env, int k) => ref _instances[env * MaxInstancesPerEnv + k];

    public void ClearInstances() => Array.Clear(_instanceCounts);

    public void ClearInstances(int env) => _instanceCounts[env] = 0;

    public void AddInstance(int env, in PropInstance instance)
    {
        if ((uint)env >= (uint)EnvCount)
        {
            throw new ArgumentOutOfRangeException(nameof(env), env, $"env must be in 0..{EnvCount - 1}");
        }
        if ((uint)instance.Mesh >= (uint)_geometry.MeshCount)
        {
            throw new SimInputException($"mesh id {instance.Mesh} does not exist ({_geometry.MeshCount} meshes loaded)", path: $"envs[{env}].instances");
        }
        int count = _instanceCounts[env];
        if (count >= MaxInstancesPerEnv)
        {
            throw new SimInputException($"env {env} has more than {MaxInstancesPerEnv} instances", path: $"envs[{env}].instances",
                hint: "raise BatchDescription.MaxInstancesPerEnv");
        }
        _instances[env * MaxInstancesPerEnv + count] = instance;
        _instanceCounts[env] = count + 1;
    }

    /// <summary>Passes that hold cameras [0, <paramref name="envCount"/>): those that start below it.</summary>
    public int ActivePasses(int envCount)
    {
        int p = 0;
        while (p < Passes && _passStarts[p] < envCount)
        {
            p++;
        }
        return p;
    }

    /// <summary>Cameras of pass <paramref name="pass"/> when only the first <paramref name="envCount"/> are drawn.</summary>
    public int PassLayers(int pass, int envCount) => Math.Min(_passStarts[pass + 1], envCount) - _passStarts[pass];

    /// <summary>The draws of the last <see cref="Build"/>, pass after pass.</summary>
    public ReadOnlySpan<DrawCommand> Draws => new(_draws, 0, _drawCount);

    /// <summary>Draws of pass <paramref name="pass"/> of the last <see cref="Build"/>: [end of pass − 1, end).</summary>
    public Range PassDraws(int pass) => new(pass == 0 ? 0 : _passDrawEnds[pass - 1], _passDrawEnds[pass]);
}
