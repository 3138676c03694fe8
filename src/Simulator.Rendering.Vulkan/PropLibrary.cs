namespace Simulator.Rendering.Vulkan;

/// <summary>The standard prop meshes shipped in assets/ (copied next to the binaries) and their mesh ids.</summary>
public sealed class PropLibrary
{
    public static readonly string[] Names = ["car", "cone", "barrier_block", "pedestrian", "sign"];

    private PropLibrary(int car, int cone, int barrier, int pedestrian, int sign)
    {
        Car = car;
        Cone = cone;
        BarrierBlock = barrier;
        Pedestrian = pedestrian;
        Sign = sign;
    }

    public int Car { get; }
    public int Cone { get; }
    public int BarrierBlock { get; }
    public int Pedestrian { get; }
    public int Sign { get; }

    /// <summary>Default folder: "assets" next to the application's binaries.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "assets");

    /// <summary>Loads car.obj, cone.obj, barrier_block.obj, pedestrian.obj and sign.obj into the renderer.</summary>
    public static PropLibrary Load(VulkanRenderer renderer, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        string dir = directory ?? DefaultDirectory;
        int[] ids = new int[Names.Length];
        for (int i = 0; i < Names.Length; i++)
        {
            // A renderer shared by several camera rigs loads each prop mesh once.
            int existing = renderer.FindMesh(Names[i]);
            ids[i] = existing >= 0 ? existing : renderer.AddMesh(ObjLoader.Load(Path.Combine(dir, Names[i] + ".obj")));
        }
        return new PropLibrary(ids[0], ids[1], ids[2], ids[3], ids[4]);
    }
}
