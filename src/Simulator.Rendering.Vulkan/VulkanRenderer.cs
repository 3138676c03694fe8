using Simulator.Core;
using Silk.NET.Vulkan;

namespace Simulator.Rendering.Vulkan;

/// <summary>
/// Owns the GPU-side scene resources (prop meshes, static sets, pipelines) and creates <see cref="CameraBatch"/>es.
/// Usage: add meshes and static sets once, create one batch per resolution (the N env cameras; a 1280×720 batch of
/// one for a spectator camera), then per step fill the batch, Submit, and Wait. Not thread-safe.
/// </summary>
public sealed unsafe class VulkanRenderer : IDisposable, IDrawGeometry
{
    /// <summary>Most parts one static set may have (bounds the per-frame draw-record buffer).</summary>
    public const int MaxPartsPerStaticSet = 16;

    private readonly bool _ownsContext;
    private readonly List<GpuMesh> _meshes = [];
    private readonly List<string> _meshNames = [];
    private readonly List<StaticSetGpu> _staticSets = [];
    private readonly List<StaticSetLayout> _staticSetLayouts = [];
    private readonly List<CameraBatch> _batches = [];
    private readonly List<WindowView> _views = [];
    private readonly List<PixelView> _pixelViews = [];
    private PipelineSet? _colorPipelines;
    private PipelineSet? _fullPipelines;
    private bool _disposed;

    /// <summary>Renderer over a shared context (the caller keeps ownership of <paramref name="context"/>).</summary>
    public VulkanRenderer(VulkanContext context) : this(context, ownsContext: false)
    {
    }

    private VulkanRenderer(VulkanContext context, bool ownsContext)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
        _ownsContext = ownsContext;
        CreateLayouts();
    }

    /// <summary>Opens a device per <paramref name="options"/> and returns a renderer that owns it.</summary>
    public static VulkanRenderer Create(RendererOptions options)
    {
        VulkanContext ctx = VulkanContext.Create(options);
        try
        {
            return new VulkanRenderer(ctx, ownsContext: true);
        }
        catch
        {
            ctx.Dispose();
            throw;
        }
    }

    public VulkanContext Context { get; }

    /// <summary>Name of the Vulkan device in use (the CLI prints it).</summary>
    public string DeviceName => Context.DeviceName;

    public int MeshCount => _meshes.Count;

    public int StaticSetCount => _staticSets.Count;

    internal DescriptorSetLayout DescriptorSetLayout { get; private set; }

    internal PipelineLayout PipelineLayout { get; private set; }

    internal IReadOnlyList<GpuMesh> Meshes => _meshes;

    internal IReadOnlyList<StaticSetGpu> StaticSets => _staticSets;

    IReadOnlyList<StaticSetLayout> IDrawGeometry.StaticSetLayouts => _staticSetLayouts;

    uint IDrawGeometry.MeshIndexCount(int mesh) => _meshes[mesh].IndexCount;

    /// <summary>Uploads a prop mesh (mesh-local coordinates, Z up, origin on the ground) and returns its id.</summary>
    public int AddMesh(MeshData mesh)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ThrowIfDisposed();
        _meshes.Add(new GpuMesh(Context, mesh.Interleave(), mesh.Indices));
        _meshNames.Add(mesh.Name);
        return _meshes.Count - 1;
    }

    /// <summary>Id of the first mesh added with this name, or -1.</summary>
    public int FindMesh(string name) => _meshNames.IndexOf(name);

    /// <summary>Uploads world-space track geometry (road, markings, kerbs, barriers, terrain) once; envs refer to it
    /// by the returned id in <see cref="EnvView.StaticSet"/>.</summary>
    public int AddStaticSet(IReadOnlyList<StaticPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ThrowIfDisposed();
        if (parts.Count == 0 || parts.Count > MaxPartsPerStaticSet)
        {
            throw new SimInputException($"a static set needs 1 to {MaxPartsPerStaticSet} parts (got {parts.Count})", path: "parts",
                hint: "merge meshes of the same class into one part");
        }
        StaticSetLayout layout = StaticSetLayout.Build(parts);
        _staticSets.Add(new StaticSetGpu(Context, layout));
        _staticSetLayouts.Add(layout);
        return _staticSets.Count - 1;
    }

    /// <summary>Creates a batch of cameras that render together; see <see cref="CameraBatch"/> for the frame contract.</summary>
    public CameraBatch CreateBatch(BatchDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        ThrowIfDisposed();
        description.Validate(Context);
        var batch = new CameraBatch(this, description);
        _batches.Add(batch);
        return batch;
    }

    internal PipelineSet Pipelines(bool full)
    {
        if (full)
        {
            return _fullPipelines ??= new PipelineSet(Context, PipelineLayout, full: true);
        }
        return _colorPipelines ??= new PipelineSet(Context, PipelineLayout, full: false);
    }

    /// <summary>
    /// Creates the view that draws one camera into the window of this renderer's context (created with
    /// <see cref="RendererOptions.Presentation"/>); see <see cref="WindowView"/>.
    /// </summary>
    public WindowView CreateWindowView(WindowViewDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        ThrowIfDisposed();
        if (!Context.CanPresent)
        {
            throw new InvalidOperationException("this renderer's Vulkan context has no window surface: create it with RendererOptions.Presentation");
        }
        if (description.MaxInstances is < 0 or > 4096)
        {
            throw new SimInputException($"MaxInstances {description.MaxInstances} is invalid", path: "maxInstances", hint: "use 0..4096");
        }
        var view = new WindowView(this, description);
        _views.Add(view);
        return view;
    }

    /// <summary>
    /// Creates a window view that shows CPU-composed pixels (see <see cref="PixelView"/>); the context must have been
    /// created with <see cref="RendererOptions.Presentation"/>.
    /// </summary>
    public PixelView CreatePixelView(int width, int height, bool vsync)
    {
        ThrowIfDisposed();
        if (!Context.CanPresent)
        {
            throw new InvalidOperationException("this renderer's Vulkan context has no window surface: create it with RendererOptions.Presentation");
        }
        var view = new PixelView(this, width, height, vsync);
        _pixelViews.Add(view);
        return view;
    }

    internal void OnPixelViewDisposed(PixelView view) => _pixelViews.Remove(view);

    internal CameraBatch AttachBatch(CameraBatch batch)
    {
        _batches.Add(batch);
        return batch;
    }

    internal void OnBatchDisposed(CameraBatch batch) => _batches.Remove(batch);

    internal void OnViewDisposed(WindowView view) => _views.Remove(view);

    private void CreateLayouts()
    {
        // Binding 0: the per-env constants (EnvData), read by the vertex shaders. Draw records are vertex buffers.
        var binding = new DescriptorSetLayoutBinding
        {
            Binding = 0,
            DescriptorType = DescriptorType.StorageBuffer,
            DescriptorCount = 1,
            StageFlags = ShaderStageFlags.VertexBit,
        };
        var setInfo = new DescriptorSetLayoutCreateInfo
        {
            SType = StructureType.DescriptorSetLayoutCreateInfo,
            BindingCount = 1,
            PBindings = &binding,
        };
        DescriptorSetLayout setLayout;
        VkCheck.Check(Context.Api.CreateDescriptorSetLayout(Context.DeviceHandle, &setInfo, null, &setLayout));
        Context.Track(1);
        DescriptorSetLayout = setLayout;
        var layoutInfo = new PipelineLayoutCreateInfo
        {
            SType = StructureType.PipelineLayoutCreateInfo,
            SetLayoutCount = 1,
            PSetLayouts = &setLayout,
        };
        PipelineLayout layout;
        VkCheck.Check(Context.Api.CreatePipelineLayout(Context.DeviceHandle, &layoutInfo, null, &layout));
        Context.Track(1);
        PipelineLayout = layout;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>Disposes live batches (each waits for its in-flight frames), then meshes, pipelines and layouts.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        for (int i = _views.Count - 1; i >= 0; i--)
        {
            _views[i].Dispose();
        }
        for (int i = _pixelViews.Count - 1; i >= 0; i--)
        {
            _pixelViews[i].Dispose();
        }
        for (int i = _batches.Count - 1; i >= 0; i--)
        {
            _batches[i].Dispose();
        }
        _colorPipelines?.Dispose();
        _fullPipelines?.Dispose();
        foreach (GpuMesh mesh in _meshes)
        {
            mesh.Dispose();
        }
        foreach (StaticSetGpu set in _staticSets)
        {
            set.Dispose();
        }
        _meshes.Clear();
        _staticSets.Clear();
        _staticSetLayouts.Clear();
        Context.Api.DestroyPipelineLayout(Context.DeviceHandle, PipelineLayout, null);
        Context.Api.DestroyDescriptorSetLayout(Context.DeviceHandle, DescriptorSetLayout, null);
        Context.Track(-2);
        _disposed = true;
        if (_ownsContext)
        {
            Context.Dispose();
        }
    }
}
